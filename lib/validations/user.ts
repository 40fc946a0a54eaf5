import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { MIN_PASSWORD_LENGTH_VALUE } from "./limits";
import { ZEmailSchema } from "./auth";
import { ZIdSchema } from "./common";

export const ZRoleSchema = z.enum(ROLES, { message: "validation.role" });

const ZNameSchema = z
  .string({ message: "validation.nameRequired" })
  .trim()
  .min(1, "validation.nameRequired")
  .max(100, "validation.tooLong");

const ZOptionalPasswordSchema = z
  .string()
  .max(1024, "validation.tooLong")
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || value.length >= MIN_PASSWORD_LENGTH_VALUE, "validation.passwordShort");

// The same team twice is one membership (it used to fail as "email already taken").
const ZTeamIdsSchema = z
  .array(ZIdSchema)
  .max(100)
  .default([])
  .transform((ids) => [...new Set(ids)]);

export const ZCreateUserSchema = z.object({
  email: ZEmailSchema,
  name: ZNameSchema,
  role: ZRoleSchema,
  password: ZOptionalPasswordSchema,
  teamIds: ZTeamIdsSchema,
});
export type CreateUserInput = Omit<z.output<typeof ZCreateUserSchema>, "password"> & { password?: string };

export const ZUpdateUserSchema = z.object({
  id: ZIdSchema,
  name: ZNameSchema,
  role: ZRoleSchema,
  teamIds: ZTeamIdsSchema,
});
export type UpdateUserInput = z.infer<typeof ZUpdateUserSchema>;

export const ZSetUserDisabledSchema = z.object({ id: ZIdSchema, disabled: z.boolean() });

export const ZResetPasswordSchema = z.object({ id: ZIdSchema, password: ZOptionalPasswordSchema });

// A signed-in user's own password: the current one, then the new one twice.
export const ZChangeOwnPasswordSchema = z
  .object({
    current: z.string().min(1, "validation.currentPasswordRequired").max(1024, "validation.tooLong"),
    next: z.string().min(MIN_PASSWORD_LENGTH_VALUE, "validation.passwordShort").max(1024, "validation.tooLong"),
    confirm: z.string().max(1024, "validation.tooLong"),
  })
  .refine((input) => input.confirm === input.next, { path: ["confirm"], message: "validation.passwordMismatch" })
  .refine((input) => input.next !== input.current, { path: ["next"], message: "validation.passwordUnchanged" });
export type ChangeOwnPasswordInput = z.infer<typeof ZChangeOwnPasswordSchema>;
