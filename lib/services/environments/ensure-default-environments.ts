import "server-only";
import { db } from "@/lib/db";
import { saveEnvironment } from "./save-environment";
import { testEnvironmentConnection } from "./test-environment-connection";

const DEFAULTS = [
  { name: "dev", displayName: "Development", position: 10, protected: false },
  { name: "test", displayName: "Test", position: 20, protected: false },
  { name: "prod", displayName: "Production", position: 30, protected: true },
];

// First start with a cluster at hand (the sandbox, or KUBECONFIG): dev, test and prod (prod
// protected) all point at it, each in its own namespaces ({team}-{env}). Nothing happens once
// any environment exists, so an admin's changes are never overwritten.
export async function ensureDefaultEnvironments(kubeconfig: string): Promise<string[]> {
  if ((await db.environment.count()) > 0) return [];
  const created: string[] = [];
  for (const env of DEFAULTS) {
    const saved = await saveEnvironment(
      { system: "bootstrap" },
      { ...env, clusterMode: "kubeconfig", kubeconfig, namespacePattern: "{team}-{env}", saveUnverified: false },
      { requestId: "bootstrap", ip: null },
    );
    await testEnvironmentConnection(saved.id);
    created.push(env.name);
  }
  return created;
}
