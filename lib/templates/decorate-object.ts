import { isPlainRecord } from "./plain-values";

// Kinds that live outside namespaces; anything else, custom resources included, is namespaced.
const CLUSTER_SCOPED_KINDS = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterIssuer",
  "ClusterRole",
  "ClusterRoleBinding",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
]);

/**
 * Adds what Slipway relies on to find and prune its objects: the standard labels (they win over
 * authored ones) and, for namespaced kinds, the environment's namespace when none is given.
 * Objects whose metadata is malformed are left for the checks to report.
 */
export function decorateObject(object: Record<string, unknown>, labels: Record<string, string>, namespace: string) {
  const metadata = object.metadata;
  if (!isPlainRecord(metadata)) return;
  const authoredLabels = metadata.labels ?? {};
  if (!isPlainRecord(authoredLabels)) return;
  const entries = Object.entries(metadata);
  const merged: [string, unknown] = ["labels", { ...authoredLabels, ...labels }];
  const labelsAt = entries.findIndex(([key]) => key === "labels");
  if (labelsAt === -1) entries.push(merged);
  else entries[labelsAt] = merged;
  const namespaced = typeof object.kind === "string" && !CLUSTER_SCOPED_KINDS.has(object.kind);
  if (namespaced && metadata.namespace === undefined) {
    // Right after the name, where people look for it.
    const nameAt = entries.findIndex(([key]) => key === "name");
    entries.splice(nameAt + 1, 0, ["namespace", namespace]);
  }
  object.metadata = Object.fromEntries(entries);
}
