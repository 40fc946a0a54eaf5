import { describe, expect, it } from "vitest";
import { MASK, maskSecrets } from "./mask";

const secret = {
  apiVersion: "v1",
  kind: "Secret",
  metadata: {
    name: "shop",
    annotations: {
      "kubectl.kubernetes.io/last-applied-configuration": '{"stringData":{"DB_PASSWORD":"hunter2"}}',
      team: "pay",
    },
  },
  data: { TOKEN: Buffer.from("s3cr3t-token").toString("base64") },
  stringData: { DB_PASSWORD: "hunter2" },
};
const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "shop" },
  spec: { template: { spec: { volumes: [{ name: "s", secret: { secretName: "shop" } }] } } },
};

describe("maskSecrets", () => {
  it("masks Secret values and kubectl's copy of them, keeps keys and every other object as it is", () => {
    const [masked, other] = maskSecrets([secret, deployment]);
    expect(masked).toEqual({
      ...secret,
      metadata: {
        name: "shop",
        annotations: { "kubectl.kubernetes.io/last-applied-configuration": MASK, team: "pay" },
      },
      data: { TOKEN: MASK },
      stringData: { DB_PASSWORD: MASK },
    });
    expect(other).toEqual(deployment);
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|s3cr3t|czNjcjN0/);
  });

  it("fingerprints a value the same in data (base64) and stringData, and differently when it changes", () => {
    const [a] = maskSecrets([{ kind: "Secret", data: { K: Buffer.from("one").toString("base64") } }], {
      fingerprint: true,
    });
    const [b] = maskSecrets([{ kind: "Secret", stringData: { K: "one" } }], { fingerprint: true });
    const [c] = maskSecrets([{ kind: "Secret", stringData: { K: "two" } }], { fingerprint: true });
    expect(a!.data!.K).toMatch(new RegExp(`^${MASK} [0-9a-f]{8}$`));
    expect(a!.data!.K).toBe(b!.stringData!.K);
    expect(c!.stringData!.K).not.toBe(b!.stringData!.K);
  });

  it("masks secret parameters by name and, when asked, every key that names a credential", () => {
    const values = { replicas: 2, secrets: { DB_PASSWORD: "hunter2" }, env: [{ name: "A", value: "1" }] };
    expect(maskSecrets(values, { secretParameters: ["secrets"] })).toEqual({
      ...values,
      secrets: { DB_PASSWORD: MASK },
    });
    expect(maskSecrets({ webhookToken: "t", nested: [{ password: "p" }], port: 1 }, { credentialKeys: true })).toEqual({
      webhookToken: MASK,
      nested: [{ password: MASK }],
      port: 1,
    });
    // Without the option a Deployment's secretName stays readable.
    expect(maskSecrets(deployment)).toEqual(deployment);
  });
});
