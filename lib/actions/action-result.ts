// The result every server action returns; shared with the browser (no server code here).
export type ActionError = { code: string; message: string; field?: string; fields?: Record<string, string> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };
