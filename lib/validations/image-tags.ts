import { z } from "zod";
import { ZIdSchema } from "./common";

export const ZTagSearchSchema = z.object({
  appId: ZIdSchema,
  environmentId: ZIdSchema,
  search: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .trim()
      .max(128, "validation.tooLong")
      .regex(/^[\w.-]+$/, "releases.badTag")
      .optional(),
  ),
});
export type TagSearchInput = z.output<typeof ZTagSearchSchema>;

// The picker's second step: the digests of the tags it shows and does not know yet.
export const ZTagDigestsSchema = z.object({
  appId: ZIdSchema,
  environmentId: ZIdSchema,
  tags: z
    .array(
      z
        .string()
        .max(128, "validation.tooLong")
        .regex(/^[\w][\w.-]*$/, "releases.badTag"),
    )
    .min(1, "validation.invalid")
    .max(20, "validation.invalid"),
});
export type TagDigestsInput = z.output<typeof ZTagDigestsSchema>;
