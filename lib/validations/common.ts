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
