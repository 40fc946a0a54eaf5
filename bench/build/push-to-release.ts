// Push to release: from the moment Harbor's webhook request leaves to the moment the dev
// release is open (status applying, the row committed; Slipway's NOTIFY for it arrives), over
// real HTTP to `next start`. Each push is a new tag with a new digest; the next one waits
// (untimed) until the release has finished, so no push meets a running release.
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { db } from "@/lib/db";
import { isFinalStatus } from "@/lib/validations/release-status";
import type { HarborFake } from "@/test/support/harbor-fake";
import { BASE_URL } from "../deploy/harness";
import { progress } from "../deploy/stats";

export type PushResult = { toApplying: number[]; answer: number[]; warmUp: number };

export async function measurePushToRelease(
  harbor: HarborFake,
  world: { appId: string; devId: string; repository: string; webhookUrl: string; webhookSecret: string },
  runs: number,
  warmUp = 5,
): Promise<PushResult> {
  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  await listener.query("LISTEN slipway_release");
  const opened = new Map<string, (at: number) => void>();
  listener.on("notification", (message) => {
    const at = performance.now();
    void db.release
      .findUnique({ where: { id: message.payload ?? "" }, select: { image: true, appId: true, environmentId: true } })
      .then((release) => {
        if (release?.appId !== world.appId || release.environmentId !== world.devId) return;
        const tag = release.image?.split(":").pop() ?? "";
        opened.get(tag)?.(at);
        opened.delete(tag);
      });
  });
  const result: PushResult = { toApplying: [], answer: [], warmUp };
  try {
    for (let run = 0; run < warmUp + runs; run++) {
      const tag = `1.0.${run}`;
      const digest = `sha256:${randomBytes(32).toString("hex")}`;
      harbor.push(world.repository, digest, [tag]);
      const seen = new Promise<number>((resolve) => opened.set(tag, resolve));
      const started = performance.now();
      const delivery = await harbor.deliver(`${BASE_URL}${world.webhookUrl}`, world.webhookSecret, {
        type: "PUSH_ARTIFACT",
        repository: world.repository,
        digest,
        tag,
        operator: "bench",
      });
      if (delivery.status !== 202) throw new Error(`webhook answered ${delivery.status}`);
      const at = await Promise.race([
        seen,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no release for ${tag} in 30 s`)), 30_000)),
      ]);
      if (run >= warmUp) {
        result.toApplying.push(at - started);
        result.answer.push(delivery.ms);
      }
      await untilFinished(world, tag);
      if ((run + 1) % 10 === 0) progress(`push to release: ${run + 1}/${warmUp + runs}`);
    }
  } finally {
    await listener.end();
  }
  return result;
}

async function untilFinished(world: { appId: string; devId: string }, tag: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const release = await db.release.findFirst({
      where: { appId: world.appId, environmentId: world.devId, image: { endsWith: `:${tag}` } },
      select: { status: true },
    });
    if (release && isFinalStatus(release.status)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the release of ${tag} did not finish within 120 s`);
}
