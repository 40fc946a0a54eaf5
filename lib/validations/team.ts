import { z } from "zod";
import { ZDns1123LabelSchema, ZIdSchema } from "./common";

// Team names become part of namespaces ({team}-{env}), so they are kept short.
export const ZCreateTeamSchema = z.object({
  name: ZDns1123LabelSchema(40),
  displayName: z.string().trim().max(100, "validation.tooLong").optional().default(""),
});
export type CreateTeamInput = z.infer<typeof ZCreateTeamSchema>;

export const ZTeamMemberSchema = z.object({ teamId: ZIdSchema, userId: ZIdSchema });
