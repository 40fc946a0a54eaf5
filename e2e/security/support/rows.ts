// The shapes of access-matrix.ts's rows and the groups of principals DESIGN.md's roles table
// allows.
import type { Caller } from "./caller";
import type { Principal, World } from "./world";

export const SIGNED_IN = ["admin", "ops", "developer", "outsider", "tester", "viewer"] as const satisfies Principal[];
export const EVERYONE = [...SIGNED_IN, "disabled", "anonymous"] as const satisfies Principal[];
export const APP_TEAM = ["admin", "ops", "developer"] as const satisfies Principal[];
export const OPS = ["admin", "ops"] as const satisfies Principal[];
export const ADMIN = ["admin"] as const satisfies Principal[];
export const NOBODY = [] as const satisfies Principal[];

export type ActionRow = {
  file: string;
  name: string;
  allow: readonly Principal[];
  // `fresh` is the caller's own account when the row asks for a fresh caller.
  input: (world: World, fresh?: { id: string; password: string; caller?: Caller }) => unknown;
  // The call ends the caller's sessions (their password changes), or acts on the caller's own
  // rows: allowed principals call it as a new user of their role instead.
  freshCaller?: boolean;
  // The call needs a peer that is not there (Jenkins, a registry, Alertmanager on port 9): the
  // allowed principals get past every access check and fail with this code instead.
  allowedError?: string;
  // A sign-in form: posted by anyone, answered with the form's state (no result envelope).
  signIn?: boolean;
};

export type RouteRow = {
  file: string;
  method: string;
  allow: readonly Principal[];
  // The request: path (with query) and, for bodies, JSON or a raw body with its content type.
  request: (world: World) => { path: string; json?: unknown; raw?: { body: string; type: string } };
  // Server-Sent Events: the answer's status and headers are checked, the stream is not read.
  stream?: boolean;
  // A machine route (a webhook): authenticated by its secret, never by a session, so every
  // principal without the secret gets 401.
  machine?: boolean;
  // Tables a refused call writes by design: the audit row of a refused webhook (at most one a
  // minute per source for Alertmanager, whose last one is kept in alertmanager_refusals).
  refusalRecords?: string[];
};
