// What a message about alerts says, before it is put into a channel's words (render-message.ts).
export type ReleaseLink = {
  release: { id: string; number: number; kind: string; version: string; actor: string; createdAt: Date };
  minutesAfter: number;
  rollbackTo: { id: string; number: number } | null;
};

export type MessageAlert = {
  id: string;
  event: "firing" | "resolved";
  alertname: string;
  severity: string;
  summary: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date | null;
  generatorUrl: string;
  app: { id: string; name: string; team: string } | null;
  environment: string | null;
  link: ReleaseLink | null;
  url: string;
};

export type MessageContent = {
  id: string;
  urgent: boolean;
  openedAt: Date;
  closedAt: Date;
  subscription: { id: string; name: string };
  alerts: MessageAlert[];
  counts: { firing: number; resolved: number };
};

// The version a release brought: its image's tag (or digest).
export function versionOf(image: string | null): string {
  if (!image) return "";
  const at = image.lastIndexOf("@");
  if (at >= 0) return image.slice(at + 1, at + 20);
  const slash = image.lastIndexOf("/");
  const colon = image.lastIndexOf(":");
  return colon > slash ? image.slice(colon + 1) : "";
}
