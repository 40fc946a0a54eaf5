import { withRoute } from "@/lib/api/with-route";
import { AppError } from "@/lib/errors";
import { searchApps } from "@/lib/services/apps/search-apps";
import { ZAppSearchSchema } from "@/lib/validations/app-picker";

export const dynamic = "force-dynamic";

// The app pickers' search (components/apps/app-picker.tsx): a few apps for what was typed.
export const GET = withRoute("console.read", async (request) => {
  const params = new URL(request.url).searchParams;
  const search = ZAppSearchSchema.safeParse({ q: params.get("q"), team: params.get("team") });
  if (!search.success) {
    const field = String(search.error.issues[0]?.path[0] ?? "q");
    throw new AppError("invalid_input", `${field}: not a valid search.`, { field });
  }
  return Response.json({ apps: await searchApps(search.data) });
});
