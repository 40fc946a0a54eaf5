import { checkHealth } from "@/lib/services/health/check-health";

export const dynamic = "force-dynamic";

// Readiness for load balancers and Kubernetes probes: the database answers.
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
