import "server-only";
import { forbidden, redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getCurrentUser, type CurrentUser } from "./session";
import { can, type Permission } from "./permissions";

// Pages: no session -> the login page; a role without the permission -> 403 (forbidden.tsx).
export async function requirePageUser(permission: Permission = "console.read"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, permission)) forbidden();
  return user;
}

// Actions and route handlers: AppError, mapped to 401/403 by lib/errors.ts.
export async function requireUser(permission: Permission): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthenticated", "Sign in first.");
  if (!can(user.role, permission)) {
    throw new AppError("forbidden", `Your role (${user.role}) may not do this (${permission}).`);
  }
  return user;
}
