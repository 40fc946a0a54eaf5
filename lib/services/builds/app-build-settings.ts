import "server-only";
import { db } from "@/lib/db";

// What the app page's build card shows of an app's settings.
export async function appBuildSettings(appId: string) {
  const app = await db.app.findUniqueOrThrow({
    where: { id: appId },
    select: {
      jenkinsServerId: true,
      jenkinsJob: true,
      autoDeployPattern: true,
      jenkinsServer: { select: { name: true } },
    },
  });
  return {
    jenkinsServerId: app.jenkinsServerId,
    jenkinsServer: app.jenkinsServer?.name ?? null,
    jenkinsJob: app.jenkinsJob,
    autoDeployPattern: app.autoDeployPattern,
  };
}
