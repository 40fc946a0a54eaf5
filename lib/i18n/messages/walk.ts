// Words that replaced English the language walk (e2e/i18n-walk.spec.ts) found in Chinese pages:
// text Slipway wrote as English data before it had a message for it. Every English key needs
// its zh-CN twin.
export const walkEn = {
  "templates.builtinChangelog": "Built-in template",
} as const;

export const walkZhCN: Record<keyof typeof walkEn, string> = {
  "templates.builtinChangelog": "内置模板",
};
