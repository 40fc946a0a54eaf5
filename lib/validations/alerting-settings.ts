import { z } from "zod";
import { blankToUndefined } from "./common";
import { ZEmailSchema } from "./auth";

export const ZHttpUrlSchema = z
  .string()
  .trim()
  .max(2048, "validation.tooLong")
  .url("validation.url")
  .regex(/^https?:\/\//i, "validation.url");

const optionalUrl = z.preprocess(blankToUndefined, ZHttpUrlSchema.optional());
// Secrets: empty keeps the stored one.
const optionalSecret = (min: number) =>
  z.preprocess(blankToUndefined, z.string().min(min, "alerts.secretShort").max(512, "validation.tooLong").optional());

// One entry a line (or comma separated), blanks dropped; missing is none.
export const lines = (item: z.ZodType<string>, max: number) =>
  z.preprocess(
    (value) =>
      value === undefined || value === null
        ? []
        : typeof value === "string"
          ? value
              .split(/[\n,]/)
              .map((part) => part.trim())
              .filter(Boolean)
          : value,
    z.array(item).max(max, "alerts.tooMany"),
  );

export const ZAlertmanagerSettingsSchema = z.object({
  token: optionalSecret(24),
  alertmanagerUrl: optionalUrl,
  appLabels: lines(
    z
      .string()
      .max(253, "validation.tooLong")
      .regex(/^[a-zA-Z_][a-zA-Z0-9_./-]*$/, "alerts.labelName"),
    10,
  ).refine((labels) => labels.length > 0, "validation.required"),
  releaseLinkMinutes: z.coerce
    .number({ message: "validation.invalid" })
    .int("validation.invalid")
    .min(1, "alerts.minutesRange")
    .max(1440, "alerts.minutesRange"),
});
export type AlertmanagerSettingsInput = z.output<typeof ZAlertmanagerSettingsSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const ZMessageSettingsSchema = z.object({
  timeZone: z.string().trim().min(1, "validation.required").max(64).refine(isTimeZone, "alerts.timeZone"),
  webhookAllowList: lines(ZHttpUrlSchema, 50),
});
export type MessageSettingsInput = z.output<typeof ZMessageSettingsSchema>;

export const ZWecomSettingsSchema = z
  .object({
    wecomApiBase: ZHttpUrlSchema,
    wecomCorpId: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(64, "validation.tooLong")
        .regex(/^[\w-]+$/, "validation.invalid")
        .optional(),
    ),
    wecomAgentId: z.preprocess(
      blankToUndefined,
      z.coerce.number({ message: "validation.invalid" }).int("validation.invalid").min(1).max(2_147_483_647).optional(),
    ),
    wecomSecret: optionalSecret(8),
  })
  .refine((value) => !value.wecomCorpId === !value.wecomAgentId, {
    message: "alerts.wecomAppIncomplete",
    path: ["wecomAgentId"],
  });
export type WecomSettingsInput = z.output<typeof ZWecomSettingsSchema>;

export const ZSmtpSettingsSchema = z
  .object({
    smtpHost: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(253, "validation.tooLong")
        .regex(/^[a-zA-Z0-9.-]+$/, "alerts.smtpHost")
        .optional(),
    ),
    smtpPort: z.coerce.number({ message: "validation.invalid" }).int().min(1, "alerts.port").max(65535, "alerts.port"),
    smtpSecure: z.boolean().default(false),
    smtpUsername: z.preprocess(blankToUndefined, z.string().trim().max(256, "validation.tooLong").optional()),
    smtpPassword: optionalSecret(1),
    smtpFrom: z.preprocess(blankToUndefined, ZEmailSchema.optional()),
  })
  .refine((value) => !value.smtpHost || value.smtpFrom, { message: "validation.required", path: ["smtpFrom"] });
export type SmtpSettingsInput = z.output<typeof ZSmtpSettingsSchema>;
