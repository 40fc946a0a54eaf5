import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { timed } from "@/lib/server-timing";
import { env } from "@/lib/env";
import { openedSessions } from "./opened-sessions";
import { sessionCookie } from "./session-cookie";
import { ZIdSchema } from "@/lib/validations/common";
import type { Role } from "./permissions";

export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  timeZone: string | null;
  teamIds: string[];
};

const openSession = openedSessions(async (token) => {
  try {
    return await decode({ token, secret: env.NEXTAUTH_SECRET });
  } catch {
    return null;
  }
});

// The session cookie, opened as next-auth's getToken opens it: decrypted with the secret and its
// expiry checked, once per cookie and process (./opened-sessions). (getServerSession would run
// next-auth's whole session handler on every request: a fresh CSRF token, the callbacks, and a
// re-encoded cookie that pages and route handlers cannot set anyway.) The claims are the ones
// the jwt callback in ./options writes.
async function sessionClaims(): Promise<{ uid?: unknown; sv?: unknown } | null> {
  const jar = await cookies();
  const { name } = sessionCookie();
  // A large session is split into name.0, name.1, ... by next-auth.
  const value =
    jar.get(name)?.value ??
    jar
      .getAll()
      .filter((cookie) => cookie.name.startsWith(`${name}.`))
      .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
      .map((cookie) => cookie.value)
      .join("");
  if (!value) return null;
  return openSession(value);
}

type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string | null;
  timeZone: string | null;
  disabled: boolean;
  sessionVersion: number;
  teamIds: string[];
};

// The signed-in user, read once per request. The database is asked every time (one query: the
// user and their teams), so a user who was disabled, deleted or whose sessions were revoked
// (sessionVersion bumped) is refused at the next request even though their session cookie is
// still valid.
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const claims = await timed("session", sessionClaims);
  const uid = ZIdSchema.safeParse(claims?.uid);
  if (!uid.success) return null;
  const id = uid.data;
  const [user] = await timed(
    "user",
    () => db.$queryRaw<UserRow[]>`
      SELECT id::text, email, name, role::text AS role, locale, time_zone AS "timeZone", disabled_at IS NOT NULL AS disabled,
        session_version AS "sessionVersion",
        ARRAY(SELECT team_id::text FROM memberships WHERE user_id = users.id ORDER BY created_at) AS "teamIds"
      FROM users WHERE id = ${id}::uuid`,
  );
  if (!user || user.disabled || user.sessionVersion !== claims?.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    timeZone: user.timeZone,
    teamIds: user.teamIds,
  };
});
