// The releases part of the catalogues, kept beside en.ts and zh-CN.ts so that features can grow
// their messages without editing one long file. Every English key needs its zh-CN twin.
export const releasesEn = {
  "releases.title": "Releases",
} as const;

export const releasesZhCN: Record<keyof typeof releasesEn, string> = {
  "releases.title": "发布",
};
