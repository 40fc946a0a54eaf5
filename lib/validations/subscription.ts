import { z } from "zod";
import { LOCALES } from "@/lib/i18n/locales";
import { parseMatcher } from "@/lib/alerts/matchers";
import { SEVERITIES } from "@/lib/alerts/severity";
import { lines, ZHttpUrlSchema } from "./alerting-settings";
import { ZEmailSchema } from "./auth";
import { MUTE_HOURS } from "./choices";
import { blankToUndefined, ZIdSchema } from "./common";

export { CHANNEL_KINDS, type ChannelKind } from "./choices";

// A robot's key, or the whole webhook address WeCom shows (…/cgi-bin/webhook/send?key=…).
const robotKey = z.preprocess(
  (value) => {
    if (typeof value !== "string" || value.trim() === "") return undefined;
    const key = /[?&]key=([^&\s]+)/.exec(value)?.[1];
    return (key ?? value).trim();
  },
  z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/, "alerts.robotKey")
    .optional(),
);

const channelId = ZIdSchema.optional();

// On edit, an empty key or secret keeps the stored one (the channel's id says which).
export const ZChannelSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("wecom_robot"), id: channelId, key: robotKey, mentions: lines(ZEmailSchema, 20) }),
  z.object({ kind: z.literal("wecom_app"), id: channelId }),
  z.object({
    kind: z.literal("webhook"),
    id: channelId,
    url: z.preprocess(blankToUndefined, ZHttpUrlSchema.optional()),
  }),
  z.object({
    kind: z.literal("email"),
    id: channelId,
    addresses: lines(ZEmailSchema, 20).refine((list) => list.length > 0, "alerts.channelEmpty"),
  }),
  z.object({ kind: z.literal("console"), id: channelId }),
]);
export type ChannelInput = z.output<typeof ZChannelSchema>;

export const ZSubscriptionSchema = z
  .object({
    id: ZIdSchema.optional(),
    name: z.string().trim().min(1, "validation.nameRequired").max(100, "validation.tooLong"),
    // Set: a team-wide subscription (ops and admins); unset: the caller's own.
    teamId: z.preprocess(blankToUndefined, ZIdSchema.optional()),
    appIds: z.array(ZIdSchema).max(100).default([]),
    filterTeamId: z.preprocess(blankToUndefined, ZIdSchema.optional()),
    environmentIds: z.array(ZIdSchema).max(50).default([]),
    minSeverity: z.enum(SEVERITIES, { message: "validation.invalid" }).default("info"),
    alertnames: lines(
      z
        .string()
        .max(200, "validation.tooLong")
        .regex(/^[^\s"]+$/, "alerts.alertname"),
      50,
    ),
    matchers: lines(z.string().max(500, "validation.tooLong"), 20).superRefine((list, ctx) => {
      for (const text of list) {
        const parsed = parseMatcher(text);
        if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
      }
    }),
    windowMinutes: z.coerce
      .number({ message: "validation.invalid" })
      .int("validation.invalid")
      .min(1, "alerts.windowRange")
      .max(1440, "alerts.windowRange")
      .default(5),
    locale: z.enum(LOCALES, { message: "validation.locale" }).default("zh-CN"),
    channels: z.array(ZChannelSchema).max(10, "alerts.tooMany"),
  })
  .superRefine((value, ctx) => {
    if (value.channels.length === 0) ctx.addIssue({ code: "custom", message: "alerts.noChannel", path: ["channels"] });
    if (value.appIds.length > 0 && value.filterTeamId)
      ctx.addIssue({ code: "custom", message: "alerts.appsOrTeam", path: ["filterTeamId"] });
  });
export type SubscriptionInput = z.output<typeof ZSubscriptionSchema>;

export const ZDeleteSubscriptionSchema = z.object({ id: ZIdSchema });

export const ZMuteAlertSchema = z.object({
  alertId: ZIdSchema,
  hours: z.coerce.number().refine((hours) => (MUTE_HOURS as readonly number[]).includes(hours), "alerts.muteHours"),
});
export type MuteAlertInput = z.output<typeof ZMuteAlertSchema>;

export const ZAlertIdSchema = z.object({ alertId: ZIdSchema });

// WeCom user ids: letters, digits and _ - . @ (what WeCom admins assign), or empty to unbind.
export const ZWecomUserIdSchema = z.object({
  wecomUserId: z
    .string()
    .trim()
    .max(64, "validation.tooLong")
    .regex(/^[\w.@-]*$/, "alerts.wecomUserId"),
});

export const ZAlertListQuerySchema = z.object({
  state: z.enum(["firing", "all"]).catch("firing"),
  app: ZIdSchema.optional().catch(undefined),
  env: z.string().max(30).optional().catch(undefined),
  severity: z.enum(SEVERITIES).optional().catch(undefined),
  alertname: z.string().trim().max(200).optional().catch(undefined),
  since: z.enum(["1h", "24h", "7d", "30d"]).optional().catch(undefined),
  cursor: z.string().max(100).optional().catch(undefined),
});
export type AlertListQuery = z.output<typeof ZAlertListQuerySchema>;
