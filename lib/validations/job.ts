import { z } from "zod";
import { ZIdSchema } from "./common";

// A job on the queue, named by its kind (the pg-boss queue) and id.
export const ZJobSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "validation.invalid")
    .max(100, "validation.invalid"),
  id: ZIdSchema,
});
export type JobInput = z.output<typeof ZJobSchema>;
