import { z } from "zod";

export const ZEmailSchema = z
  .string({ message: "validation.required" })
  .trim()
  .toLowerCase()
  .min(1, "validation.required")
  .max(254, "validation.email")
  .email("validation.email");

export const ZSignInSchema = z.object({
  email: ZEmailSchema,
  password: z.string({ message: "validation.required" }).min(1, "validation.required").max(1024, "validation.invalid"),
});
