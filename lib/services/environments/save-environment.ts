import "server-only";
import { randomUUID } from "node:crypto";
import { db, type Prisma } from "@/lib/db";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { sealSecret } from "@/lib/crypto/keys";
import { checkConnection, type ConnectionCheck } from "@/lib/kube/check-connection";
import { buildClient, kubeconfigPlace } from "@/lib/kube/client";
import { assertClusterAddress, RefusedAddressError } from "@/lib/kube/cluster-address";
import { KubeconfigError, parseKubeconfig } from "@/lib/kube/kubeconfig";
import type { RequestContext } from "@/lib/request-context";
import type { EnvironmentInput } from "@/lib/validations/environment";
import { detectEnvironmentRouting } from "./detect-environment-routing";
import { toEnvironmentView } from "./environment-view";
import { sampleNamespace } from "./test-environment-connection";

// Creates or edits an environment. A new kubeconfig is parsed and, unless the admin chose
// "save unverified", tried against its cluster first: a kubeconfig that cannot reach its
// cluster is not saved. It is stored sealed; the audit row only says that it was replaced.
export async function saveEnvironment(
  actor: Actor,
  input: Omit<EnvironmentInput, "maxReplicas" | "autoRollback" | "autoDeploy" | "refuseCritical"> &
    Partial<Pick<EnvironmentInput, "maxReplicas" | "autoRollback" | "autoDeploy" | "refuseCritical">>,
  context: RequestContext,
): Promise<{ id: string; check: ConnectionCheck | null }> {
  const existing = input.id ? await db.environment.findUnique({ where: { id: input.id } }) : null;
  if (input.id && !existing) throw new AppError("not_found", "Unknown environment.", { field: "id" });
  const id = existing?.id ?? randomUUID();
  if (input.registryId && !(await db.registry.findUnique({ where: { id: input.registryId }, select: { id: true } })))
    throw new AppError("invalid_input", "Unknown registry.", {
      field: "registryId",
      messageKey: "builds.unknownRegistry",
    });

  let cluster: { server: string; context: string; sealed: string } | null = null;
  let check: ConnectionCheck | null = null;
  if (input.clusterMode === "kubeconfig" && input.kubeconfig) {
    let parsed;
    try {
      parsed = parseKubeconfig(input.kubeconfig);
      await assertClusterAddress(parsed.server);
    } catch (error) {
      if (error instanceof KubeconfigError) {
        throw new AppError("invalid_input", error.message, {
          field: "kubeconfig",
          messageKey: error.messageKey,
          values: { detail: error.message, ...error.values },
        });
      }
      if (error instanceof RefusedAddressError) {
        throw new AppError("invalid_input", error.message, {
          field: "kubeconfig",
          messageKey: "kubeconfig.refusedServer",
          values: { host: error.host },
        });
      }
      throw error;
    }
    if (!input.saveUnverified) {
      check = await checkConnection(
        buildClient(input.name, parsed.config),
        await sampleNamespace(input.namespacePattern, input.name),
      );
      if (check.error) {
        throw new AppError("invalid_input", check.error, {
          field: "kubeconfig",
          messageKey: "environments.unverified",
          values: { detail: check.error },
        });
      }
    }
    cluster = {
      server: parsed.server,
      context: parsed.context,
      sealed: sealSecret(input.kubeconfig, kubeconfigPlace(id)),
    };
  }

  const data = {
    name: input.name,
    displayName: input.displayName || input.name,
    protected: input.protected,
    position: input.position,
    clusterMode: input.clusterMode,
    namespacePattern: input.namespacePattern,
    registryId: input.registryId ?? null,
    autoDeploy: input.autoDeploy ?? false,
    refuseCritical: input.refuseCritical ?? false,
    maxReplicas: input.maxReplicas ?? existing?.maxReplicas ?? 50,
    autoRollback: input.autoRollback ?? existing?.autoRollback ?? false,
    ...(input.clusterMode === "in_cluster"
      ? { kubeconfigEncrypted: null, clusterServer: null, clusterContext: null }
      : {}),
    ...(cluster
      ? { kubeconfigEncrypted: cluster.sealed, clusterServer: cluster.server, clusterContext: cluster.context }
      : {}),
    ...(check ? { checkResult: check as unknown as Prisma.InputJsonValue, checkedAt: new Date() } : {}),
  };
  try {
    await db.$transaction(async (tx) => {
      const saved = existing
        ? await tx.environment.update({ where: { id }, data })
        : await tx.environment.create({ data: { id, ...data } });
      const view = ({ checkedAt: _c, check: _r, ...rest }: ReturnType<typeof toEnvironmentView>) => rest;
      await writeAudit(tx, {
        actor,
        action: existing ? "environment.update" : "environment.create",
        target: { type: "environment", id, label: saved.name },
        before: existing ? view(toEnvironmentView(existing)) : undefined,
        after: { ...view(toEnvironmentView(saved)), clusterAccessReplaced: Boolean(cluster), verified: Boolean(check) },
        context,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `An environment named ${input.name} already exists.`, {
        field: "name",
        messageKey: "validation.environmentTaken",
      });
    }
    throw error;
  }
  if (check) await detectEnvironmentRouting(id);
  return { id, check };
}
