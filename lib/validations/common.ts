import { z } from "zod";

// RFC 1123 label, as Kubernetes names namespaces: team names end up in namespaces.
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const ZDns1123LabelSchema = (max = 63) =>
  z
    .string({ message: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .max(max, "validation.dns1123")
    .regex(DNS1123_LABEL, "validation.dns1123");

export const ZIdSchema = z.string().uuid("validation.invalid");

// Query-string values: an absent (null) or empty parameter is no filter.
export const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

// Form fields: a field left blank (spaces only) is not given.
export const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

// A search box: part of a name, no control characters.
export const ZNameSearchSchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .max(100, "validation.tooLong")
    .regex(/^[^\u0000-\u001f\u007f]*$/, "validation.invalid")
    .optional(),
);
