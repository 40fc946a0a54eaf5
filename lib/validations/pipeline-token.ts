import { z } from "zod";
import { ZIdSchema } from "./common";

export const ZCreatePipelineTokenSchema = z.object({
  teamId: ZIdSchema,
  name: z
    .string({ message: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(60, "validation.tooLong")
    .regex(/^[\w.-]+$/, "tokens.badName"),
  // 0: never expires.
  expiresInDays: z.coerce
    .number({ message: "tokens.badExpiry" })
    .int("tokens.badExpiry")
    .min(0, "tokens.badExpiry")
    .max(366, "tokens.badExpiry"),
});
export type CreatePipelineTokenInput = z.output<typeof ZCreatePipelineTokenSchema>;

export const ZPipelineTokenIdSchema = z.object({ id: ZIdSchema });
