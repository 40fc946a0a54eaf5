// The observe part of the catalogues, kept beside en.ts and zh-CN.ts so that features can grow
// their messages without editing one long file. Every English key needs its zh-CN twin.
export const observeEn = {
  "observe.title": "Observe",
} as const;

export const observeZhCN: Record<keyof typeof observeEn, string> = {
  "observe.title": "观测",
};
