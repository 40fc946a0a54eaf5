import "server-only";
import { db } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import type { RequestContext } from "@/lib/request-context";
import type { CreateUserInput } from "@/lib/validations/user";
import { assertTeamsExist } from "./assert-teams-exist";

export type CreateUserResult = { id: string; email: string; initialPassword: string };

// Creates a user with a password the admin typed or one generated here; the caller shows it
// once and it is stored only as an argon2id hash.
export async function createUser(
  actor: Actor,
  input: CreateUserInput,
  context: RequestContext,
): Promise<CreateUserResult> {
  const initialPassword = input.password ?? generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  try {
    const user = await db.$transaction(async (tx) => {
      await assertTeamsExist(tx, input.teamIds);
      const created = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          memberships: { create: input.teamIds.map((teamId) => ({ teamId })) },
        },
      });
      await writeAudit(tx, {
        actor,
        action: "user.create",
        target: { type: "user", id: created.id, label: created.email },
        after: { email: created.email, name: created.name, role: created.role, teamIds: input.teamIds },
        context,
      });
      return created;
    });
    return { id: user.id, email: user.email, initialPassword };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A user with email ${input.email} already exists.`, {
        field: "email",
        messageKey: "validation.emailTaken",
      });
    }
    throw error;
  }
}
