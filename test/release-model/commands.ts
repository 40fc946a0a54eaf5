// The operations of the release engine's model-based test (issue 10), as fast-check commands:
// what people and other tools do to an app, each followed by the invariants it must keep.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { inject } from "vitest";
import type { V1Deployment } from "@kubernetes/client-node";
import { ZDeploySchema, ZScaleSchema } from "@/lib/validations/release";
import { saveAppEnvironment } from "@/lib/services/apps/save-app-environment";
import { currentState } from "@/lib/services/releases/current-state";
import { decideReleaseRequest } from "@/lib/services/releases/decide-release-request";
import { deployRelease } from "@/lib/services/releases/deploy-release";
import { previewDeploy } from "@/lib/services/releases/preview-deploy";
import { hasAutoscaler } from "@/lib/services/releases/release-objects";
import { restartApp } from "@/lib/services/releases/restart-app";
import { rollbackRelease } from "@/lib/services/releases/rollback-release";
import { scaleApp } from "@/lib/services/releases/scale-app";
import { context } from "@/test/factories";
import { kubectl, sandboxClient } from "@/test/sandbox";
import { Broken, conflictsOf, expectGrowth, noLock, noOwnConflict, runsRelease, settle } from "./invariants";
import { historyOf, liveDeployment, type Real } from "./world";

export type Model = {
  deployed: boolean;
  // Succeeded deploys and rollbacks in the development environment: what a rollback may choose.
  targets: string[];
  // Managers other than Slipway that ever wrote the Deployment: a conflict may name them.
  foreign: Set<string>;
  // Someone else changed the env or the replica count since Slipway last applied them.
  drifted: { env: boolean; replicas: boolean };
  params: {
    replicas: number;
    message: string;
    autoscaling: { enabled: boolean; min: number; max: number; targetCpu: number };
  };
};

export const initialModel = (): Model => ({
  deployed: false,
  targets: [],
  foreign: new Set(),
  drifted: { env: false, replicas: false },
  params: { replicas: 1, message: "hello", autoscaling: { enabled: false, min: 1, max: 3, targetCpu: 80 } },
});

type Command = fc.AsyncCommand<Model, Real>;
const dev = (real: Real) => ({ appId: real.appId, environmentId: real.environmentId("dev") });
const TAGS = ["v1", "v2", "v3", "v4", "v5"];

// A release that failed for a conflict: only with managers that did write the Deployment.
function allowedConflict(model: Model, release: Awaited<ReturnType<typeof settle>>) {
  const conflicts = conflictsOf(release);
  if (conflicts.length === 0 || conflicts.some((conflict) => !model.foreign.has(conflict.manager)))
    throw new Broken("a release fails only for another manager's fields", {
      error: release.error,
      conflicts,
      foreign: [...model.foreign],
    });
}

class Deploy implements Command {
  constructor(
    readonly tag: string,
    readonly takeOver: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const before = await historyOf(real);
    const preview = await previewDeploy(real.base.world.dev, { ...dev(real), tag: this.tag });
    noOwnConflict({ error: null } as never, preview.conflicts);
    const started = await deployRelease(
      real.base.world.dev,
      ZDeploySchema.parse({ ...dev(real), tag: this.tag, takeOver: this.takeOver }),
      context,
    );
    if (started.kind !== "release") throw new Broken("a deploy in a development environment is a release", started);
    const release = await settle(started.releaseId);
    await noLock(real);
    await expectGrowth(real, before, 1, 1);
    noOwnConflict(release);
    const met = conflictsOf(release);
    const key = (c: { kind: string; name: string; manager: string; field: string }) =>
      `${c.kind}/${c.name} ${c.manager} ${c.field}`;
    if (met.length > 0 && met.map(key).sort().join() !== preview.conflicts.map(key).sort().join())
      throw new Broken("the preview predicted every conflict the apply met", { preview: preview.conflicts, met });
    if (release.status === "failed") {
      if (this.takeOver) throw new Broken("a deploy that takes over succeeds", release.error);
      allowedConflict(model, release);
      if (preview.conflicts.length === 0)
        throw new Broken("the preview predicted every conflict the apply met", release.error);
      return;
    }
    if (preview.conflicts.length > 0 && !this.takeOver)
      throw new Broken("a deploy the preview said would conflict does not go through", preview.conflicts);
    await runsRelease(real, "dev", release);
    model.deployed = true;
    model.targets.push(release.id);
    // Not even a take-over clears `foreign`: a field another manager set to the value Slipway
    // applies stays co-owned by it (no conflict to force), and conflicts again once they differ.
    model.drifted = { env: false, replicas: false };
  }
  toString = () => `deploy ${this.tag}${this.takeOver ? " (take over)" : ""}`;
}

class Rollback implements Command {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.targets.length > 0;
  async run(model: Model, real: Real) {
    const target = model.targets[this.pick % model.targets.length]!;
    const before = await historyOf(real);
    const started = await rollbackRelease(
      real.base.world.dev,
      { ...dev(real), releaseId: target, description: "" },
      context,
    );
    const release = await settle(started.releaseId);
    await noLock(real);
    await expectGrowth(real, before, 1, 1);
    noOwnConflict(release);
    if (release.status === "failed") return allowedConflict(model, release);
    await runsRelease(real, "dev", release);
    model.targets.push(release.id);
    model.drifted = { env: false, replicas: false };
  }
  toString = () => `rollback to the ${this.pick}th earlier release`;
}

class Scale implements Command {
  constructor(readonly replicas: number) {}
  check = (model: Readonly<Model>) => model.deployed;
  async run(model: Model, real: Real) {
    const before = await historyOf(real);
    const autoscaled = hasAutoscaler((await currentState(real.appId, real.environmentId("dev"))).objects);
    const input = autoscaled ? { min: 1, max: this.replicas + 1 } : { replicas: this.replicas };
    const started = await scaleApp(real.base.world.ops, ZScaleSchema.parse({ ...dev(real), ...input }), context);
    const release = await settle(started.releaseId);
    await noLock(real);
    await expectGrowth(real, before, 1, 1);
    noOwnConflict(release);
    if (release.status !== "succeeded") throw new Broken("a scale succeeds", release.error);
    await runsRelease(real, "dev", release, { env: model.drifted.env });
    model.drifted.replicas = false;
    if (autoscaled) model.params.autoscaling = { ...model.params.autoscaling, min: 1, max: this.replicas + 1 };
    else model.params.replicas = this.replicas;
  }
  toString = () => `scale to ${this.replicas}`;
}

class Restart implements Command {
  check = (model: Readonly<Model>) => model.deployed;
  async run(model: Model, real: Real) {
    const before = await historyOf(real);
    const started = await restartApp(real.base.world.dev, dev(real), context);
    const release = await settle(started.releaseId);
    await noLock(real);
    await expectGrowth(real, before, 1, 1);
    noOwnConflict(release);
    if (release.status !== "succeeded") throw new Broken("a restart succeeds", release.error);
    await runsRelease(real, "dev", release, model.drifted);
    const restartedAt = (release.operation as { restartedAt: string }).restartedAt;
    const live = await liveDeployment(real, "dev");
    if (live?.spec?.template.metadata?.annotations?.["kubectl.kubernetes.io/restartedAt"] !== restartedAt)
      throw new Broken("a restart sets restartedAt", live?.spec?.template.metadata?.annotations);
  }
  toString = () => "restart";
}

// A parameter change (the message, shown in an env var and a ConfigMap) or autoscaling on/off:
// saved, it takes effect with the next deploy.
class ChangeParameters implements Command {
  constructor(
    readonly message: string,
    readonly toggleAutoscaling: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const before = await historyOf(real);
    const params = {
      ...model.params,
      message: this.message,
      autoscaling: {
        ...model.params.autoscaling,
        enabled: this.toggleAutoscaling ? !model.params.autoscaling.enabled : model.params.autoscaling.enabled,
      },
    };
    await saveAppEnvironment(real.base.world.ops, { ...dev(real), values: params }, context);
    await expectGrowth(real, before, 0, 1);
    model.params = params;
  }
  toString = () => `set message "${this.message}"${this.toggleAutoscaling ? ", autoscaling on/off" : ""}`;
}

// A developer asks to deploy to the protected environment; ops approve or reject.
class ProdRequest implements Command {
  constructor(
    readonly tag: string,
    readonly approve: boolean,
  ) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    const before = await historyOf(real);
    const input = { appId: real.appId, environmentId: real.environmentId("prod"), tag: this.tag };
    const asked = await deployRelease(real.base.world.dev, ZDeploySchema.parse(input), context);
    if (asked.kind !== "request")
      throw new Broken("a developer's deploy to a protected environment is a request", asked);
    const decided = await decideReleaseRequest(
      real.base.world.ops,
      { requestId: asked.requestId, decision: this.approve ? "approve" : "reject", comment: "" },
      context,
    );
    if (!this.approve) return expectGrowth(real, before, 0, 2);
    const releaseId = "release" in decided ? decided.release?.releaseId : undefined;
    if (!releaseId) throw new Broken("an approved request is deployed at once when nothing holds the lock", decided);
    const release = await settle(releaseId);
    await noLock(real);
    await expectGrowth(real, before, 1, 3);
    noOwnConflict(release);
    if (release.status !== "succeeded") throw new Broken("an approved deploy succeeds", release.error);
    await runsRelease(real, "prod", release);
  }
  toString = () => `request ${this.tag} in prod, ${this.approve ? "approved" : "rejected"}`;
}

// `kubectl edit` by someone else: an env var changed or one added, as manager kubectl-edit.
class ForeignEdit implements Command {
  constructor(readonly add: boolean) {}
  check = (model: Readonly<Model>) => model.deployed;
  async run(model: Model, real: Real) {
    const live = await liveDeployment(real, "dev");
    if (!live) return;
    const env = live.spec?.template.spec?.containers[0]?.env ?? [];
    const index = env.findIndex((variable) => variable.name === "MESSAGE");
    const op =
      this.add || index === -1
        ? { op: "add", path: "/spec/template/spec/containers/0/env/-", value: { name: "EDITED", value: "by hand" } }
        : { op: "replace", path: `/spec/template/spec/containers/0/env/${index}/value`, value: "edited by hand" };
    if (this.add && env.some((variable) => variable.name === "EDITED")) return;
    await sandboxClient("admin").apps.patchNamespacedDeployment({
      name: real.name,
      namespace: real.namespace("dev"),
      fieldManager: "kubectl-edit",
      body: [op],
    });
    model.foreign.add("kubectl-edit");
    model.drifted.env = true;
  }
  toString = () => `kubectl edit: ${this.add ? "add an env var" : "change MESSAGE"}`;
}

// `kubectl scale` by someone else, through the scale subresource under kubectl's own manager.
class KubectlScale implements Command {
  constructor(readonly replicas: number) {}
  check = (model: Readonly<Model>) => model.deployed;
  async run(model: Model, real: Real) {
    if (!(await liveDeployment(real, "dev"))) return;
    kubectl("scale", `deployment/${real.name}`, `--replicas=${this.replicas}`, "-n", real.namespace("dev"));
    model.drifted.replicas = true;
    const live = (await liveDeployment(real, "dev")) as V1Deployment;
    for (const entry of live.metadata?.managedFields ?? [])
      if (entry.subresource === "scale" && entry.manager && entry.manager !== "slipway")
        model.foreign.add(entry.manager);
  }
  toString = () => `kubectl scale to ${this.replicas}`;
}

function sandboxCtl(command: string) {
  const sandbox = inject("sandbox");
  execFileSync("bash", [join(process.cwd(), "sandbox", "ctl.sh"), command], {
    env: { ...process.env, SANDBOX_DIR: sandbox.dir, SANDBOX_PORT: String(sandbox.port) },
    stdio: "ignore",
  });
}

// The API server stops while someone deploys, and starts again: the deploy fails (or is refused
// before it opens a release) with nothing left half-done, and the next operations work.
class ApiserverBlip implements Command {
  constructor(readonly tag: string) {}
  check = () => true;
  async run(_model: Model, real: Real) {
    const before = await historyOf(real);
    sandboxCtl("stop-apiserver");
    let releaseId: string | undefined;
    try {
      const started = await deployRelease(
        real.base.world.dev,
        ZDeploySchema.parse({ ...dev(real), tag: this.tag }),
        context,
      );
      if (started.kind === "release") releaseId = started.releaseId;
    } catch {
      // Refused before a release was opened: nothing to see in the history.
    } finally {
      sandboxCtl("start-apiserver");
    }
    if (!releaseId) return expectGrowth(real, before, 0, 0);
    const release = await settle(releaseId);
    await noLock(real);
    await expectGrowth(real, before, 1, 1);
    noOwnConflict(release);
    if (release.status === "succeeded") throw new Broken("a deploy while the API server is down fails", release.id);
    if (conflictsOf(release).length > 0)
      throw new Broken("a deploy while the API server is down fails as unreachable", release.error);
  }
  toString = () => `apiserver stop/start during deploy ${this.tag}`;
}

const tag = fc.constantFrom(...TAGS);

export const COMMANDS = [
  fc.tuple(tag, fc.boolean()).map(([t, takeOver]) => new Deploy(t, takeOver)),
  fc.tuple(tag, fc.boolean()).map(([t, takeOver]) => new Deploy(t, takeOver)),
  fc.nat(20).map((pick) => new Rollback(pick)),
  fc.integer({ min: 1, max: 4 }).map((replicas) => new Scale(replicas)),
  fc.constant(new Restart()),
  fc
    .tuple(fc.constantFrom("hello", "bonjour", "你好", "hallo"), fc.boolean())
    .map(([m, toggle]) => new ChangeParameters(m, toggle)),
  fc.tuple(tag, fc.boolean()).map(([t, approve]) => new ProdRequest(t, approve)),
  fc.boolean().map((add) => new ForeignEdit(add)),
  fc.integer({ min: 1, max: 5 }).map((replicas) => new KubectlScale(replicas)),
  fc.constantFrom(...TAGS).map((t) => new ApiserverBlip(t)),
];

// Every sequence starts with a deploy, so the operations on what runs have something to act on.
export const firstDeploy = (): Command => new Deploy("v1", false);
