// Where a parameter appears in the app's form, in this order; a parameter without one is a
// basic one. Apart from parameter-def.ts so that browser code takes it without zod (whose
// schema compiler probes eval, which the Content-Security-Policy reports; see
// lib/validations/limits.ts).
export const PARAMETER_SECTIONS = ["basics", "resources", "health", "networking", "scaling", "config"] as const;
export type ParameterSection = (typeof PARAMETER_SECTIONS)[number];
