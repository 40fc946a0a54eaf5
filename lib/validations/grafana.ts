import { z } from "zod";
import { blankToUndefined } from "./common";
import { parseVariableLines } from "@/lib/grafana/variables";
import { RANGE_CHOICES, REFRESH_CHOICES } from "@/lib/grafana/time-range";

// Where Grafana is: http(s), no user:password@ (the token is the credential), no query.
export const ZGrafanaUrlSchema = z
  .string()
  .trim()
  .max(2048, "validation.tooLong")
  .superRefine((text, ctx) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "validation.url" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "validation.url" });
    } else if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "grafana.validation.credentials" });
    } else if (url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "grafana.validation.plainUrl" });
    }
  });

const ZDashboardUidSchema = z
  .string({ message: "validation.required" })
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, "grafana.validation.uid");

// A panel as the forms send it: the id is typed, so it arrives as text.
export const ZGrafanaPanelSchema = z.object({
  id: z.preprocess(
    (value) => (typeof value === "number" ? String(value) : value),
    z
      .string({ message: "grafana.validation.panelId" })
      .trim()
      .regex(/^[0-9]{1,9}$/, "grafana.validation.panelId")
      .transform(Number),
  ),
  title: z.string().trim().min(1, "validation.required").max(80, "validation.tooLong"),
  height: z.coerce
    .number({ message: "grafana.validation.height" })
    .int("grafana.validation.height")
    .min(120, "grafana.validation.height")
    .max(1200, "grafana.validation.height"),
});

const ZPanelListSchema = z.array(ZGrafanaPanelSchema).min(1, "grafana.validation.panelsRequired").max(20);

// The variables as the form's lines; parsed into [{ name, value }].
const ZVariableLinesSchema = z
  .string()
  .max(4000, "validation.tooLong")
  .transform((text, ctx) => {
    const parsed = parseVariableLines(text);
    if ("problem" in parsed) {
      ctx.addIssue({ code: "custom", message: parsed.problem.key });
      return z.NEVER;
    }
    return parsed.variables;
  });

export const ZGrafanaSettingsSchema = z
  .object({
    environmentId: z.string().uuid("validation.invalid"),
    // Empty turns Grafana off for the environment.
    baseUrl: z.preprocess(blankToUndefined, ZGrafanaUrlSchema.optional()),
    orgId: z.coerce
      .number({ message: "grafana.validation.orgId" })
      .int("grafana.validation.orgId")
      .min(1, "grafana.validation.orgId")
      .max(1_000_000_000, "grafana.validation.orgId")
      .default(1),
    dashboard: z.enum(["builtin", "custom"]).default("builtin"),
    dashboardUid: z.preprocess(blankToUndefined, ZDashboardUidSchema.optional()),
    panels: z.array(ZGrafanaPanelSchema).max(20).default([]),
    variables: ZVariableLinesSchema,
    // Empty keeps the stored token; a new one replaces it.
    token: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(4096, "validation.tooLong")
        .regex(/^[\x21-\x7e]+$/, "grafana.validation.token")
        .optional(),
    ),
    removeToken: z.boolean().default(false),
  })
  .superRefine((input, ctx) => {
    if (input.dashboard !== "custom") return;
    if (!input.dashboardUid) ctx.addIssue({ code: "custom", message: "validation.required", path: ["dashboardUid"] });
    if (input.panels.length === 0) {
      ctx.addIssue({ code: "custom", message: "grafana.validation.panelsRequired", path: ["panels"] });
    }
  });
export type GrafanaSettingsInput = z.output<typeof ZGrafanaSettingsSchema>;

// An app's own panels: the environment's dashboard or another one, and the panels in order.
export const ZAppGrafanaSchema = z
  .object({
    appId: z.string().uuid("validation.invalid"),
    dashboard: z.enum(["environment", "custom"]),
    dashboardUid: z.preprocess(blankToUndefined, ZDashboardUidSchema.optional()),
    panels: ZPanelListSchema,
  })
  .refine((input) => input.dashboard !== "custom" || input.dashboardUid, {
    message: "validation.required",
    path: ["dashboardUid"],
  });
export type AppGrafanaInput = z.output<typeof ZAppGrafanaSchema>;

export const ZAppIdSchema = z.object({ appId: z.string().uuid("validation.invalid") });
export const ZGrafanaEnvironmentSchema = z.object({ environmentId: z.string().uuid("validation.invalid") });

// The monitoring tab's query string, typed by people: anything odd falls back to the default.
export const ZMonitoringQuerySchema = z.object({
  env: z.string().optional().catch(undefined),
  range: z.enum([...RANGE_CHOICES, "custom"]).catch("6h"),
  from: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .catch(undefined),
  refresh: z.enum(REFRESH_CHOICES).catch("off"),
});
export type MonitoringQuery = z.output<typeof ZMonitoringQuerySchema>;
