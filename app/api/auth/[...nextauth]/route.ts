import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Options are built per request on first use (lib/env.ts validates lazily).
async function handler(request: NextRequest, ctx: Ctx): Promise<Response> {
  return (await NextAuth(request, { params: await ctx.params }, getAuthOptions())) as Response;
}

export { handler as GET, handler as POST };
