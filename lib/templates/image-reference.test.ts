import { describe, expect, it } from "vitest";
import { isImageReference } from "./image-reference";

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("isImageReference", () => {
  it.each([
    "nginx:1.27",
    "harbor.example.com/shop/hello-app:1.0",
    "localhost:5000/app:dev",
    "registry:5000/team/app:v1_2-3.4",
    "ghcr.io/org/sub/app-name__x.y:latest",
    `harbor.example.com/shop/hello-app@${DIGEST}`,
    `app:1.0@${DIGEST}`,
    "[::1]:5000/app:1",
  ])("accepts %s", (reference) => {
    expect(isImageReference(reference)).toBe(true);
  });

  it.each([
    ["no tag or digest", "harbor.example.com/shop/hello-app"],
    ["uppercase path", "harbor.example.com/Shop/app:1"],
    ["uppercase first component without a dot", "MyOrg/app:1"],
    ["tag starting with a dot", "app:.1"],
    ["tag too long", `app:${"a".repeat(129)}`],
    ["short digest", "app@sha256:abc"],
    ["uppercase digest", `app@sha256:${"A".repeat(64)}`],
    ["empty", ""],
    ["spaces", "app :1"],
    ["trailing separator", "app-:1"],
    ["double slash", "a//b:1"],
    ["newline", "app:1\nkind: Secret"],
  ])("rejects %s", (_why, reference) => {
    expect(isImageReference(reference)).toBe(false);
  });
});
