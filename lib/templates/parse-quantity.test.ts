import { describe, expect, it } from "vitest";
import { parseQuantity } from "./parse-quantity";

describe("parseQuantity", () => {
  it.each([
    ["1", 1],
    ["0", 0],
    ["250m", 0.25],
    ["1.5", 1.5],
    [".5", 0.5],
    ["2.", 2],
    ["100n", 100e-9],
    ["10u", 10e-6],
    ["1k", 1000],
    ["128M", 128e6],
    ["1G", 1e9],
    ["2T", 2e12],
    ["1P", 1e15],
    ["1E", 1e18],
    ["128Ki", 128 * 1024],
    ["128Mi", 128 * 1024 ** 2],
    ["1.5Gi", 1.5 * 1024 ** 3],
    ["1Ti", 1024 ** 4],
    ["1Pi", 1024 ** 5],
    ["1Ei", 1024 ** 6],
    ["1e3", 1000],
    ["1E3", 1000],
    ["12e-3", 0.012],
    ["+1", 1],
    ["-1", -1],
  ])("reads %s", (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 12);
  });

  it.each([
    "",
    "1.5.5Gi",
    "10GB",
    "1gi",
    "Gi",
    "1 Gi",
    " 1",
    "1Gi ",
    "1K",
    "m",
    "1e",
    "1e1.5",
    "--1",
    "0x10",
    "1,5",
    "∞",
  ])("rejects %j", (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});
