// What a channel row keeps in `config` (non-secret), and where its sealed secret belongs.
export type ChannelConfig = { url?: string; addresses?: string[]; mentionUserIds?: string[]; keyHint?: string };

export function channelSecretPlace(channelId: string): string {
  return `alert-channel:${channelId}:secret`;
}

// A URL is allowed when it starts with one of the allow list's entries (each a URL prefix).
export function isAllowedUrl(url: string, allowList: string[]): boolean {
  return allowList.some((prefix) => url.startsWith(prefix));
}
