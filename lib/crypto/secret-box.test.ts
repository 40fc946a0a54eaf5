import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, parseKey, seal } from "./secret-box";

const key = randomBytes(32);
const kubeconfig = "apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    token: abc.def.ghi\n";

describe("secret box", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = seal(key, kubeconfig, "environment:1:kubeconfig");
    expect(sealed.startsWith("enc:v1:")).toBe(true);
    expect(sealed).not.toContain("abc.def.ghi");
    expect(Buffer.from(sealed.slice(7), "base64").toString("latin1")).not.toContain("kind: Config");
    expect(open(key, sealed, "environment:1:kubeconfig")).toBe(kubeconfig);
  });

  it("uses a fresh nonce each time", () => {
    expect(seal(key, "x", "a")).not.toBe(seal(key, "x", "a"));
  });

  it("refuses another key, another place, or a changed byte", () => {
    const sealed = seal(key, kubeconfig, "environment:1:kubeconfig");
    expect(() => open(randomBytes(32), sealed, "environment:1:kubeconfig")).toThrow(/cannot decrypt/);
    expect(() => open(key, sealed, "environment:2:kubeconfig")).toThrow(/cannot decrypt/);
    const bytes = Buffer.from(sealed.slice(7), "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => open(key, `enc:v1:${bytes.toString("base64")}`, "environment:1:kubeconfig")).toThrow(/cannot decrypt/);
  });

  it("accepts a key as hex or base64 and refuses a short one", () => {
    expect(parseKey(key.toString("hex")).equals(key)).toBe(true);
    expect(parseKey(key.toString("base64")).equals(key)).toBe(true);
    expect(() => parseKey("too-short")).toThrow(/32 bytes/);
  });
});
