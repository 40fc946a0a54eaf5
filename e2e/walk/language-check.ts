import type { Piece } from "./visible-text";

// Words a Chinese page may show in Latin letters: product and protocol names (and the names
// products give their own things: Grafana's Editor role, WeCom's AgentId, HTTP's Bearer
// scheme), Kubernetes' kinds and terms, and units. Anything else in Latin letters is English left untranslated.
export const LATIN_ALLOWED = new Set([
  "Slipway",
  "Kubernetes",
  "kubectl",
  "kubeconfig",
  "Pod",
  "Pods",
  "Deployment",
  "ReplicaSet",
  "Service",
  "Ingress",
  "ConfigMap",
  "Secret",
  "Secrets",
  "HorizontalPodAutoscaler",
  "Namespace",
  "CronJob",
  "Job",
  "StatefulSet",
  "ServiceAccount",
  "Harbor",
  "Jenkins",
  "Grafana",
  "Alertmanager",
  "Jenkinsfile",
  "Gateway",
  "HTTPRoute",
  "ingress-nginx",
  "Editor",
  "AgentId",
  "Bearer",
  "SMTP",
  "Webhook",
  "CI",
  "Prometheus",
  // Tools a tester uses to send the canary's header.
  "curl",
  "ModHeader",
  "Requestly",
  "WeCom",
  "Helm",
  "CPU",
  "YAML",
  "OCI",
  "JSON",
  "CSV",
  "HTTP",
  "HTTPS",
  "TCP",
  "TLS",
  "SSO",
  "OIDC",
  "API",
  "URL",
  "IP",
  "ID",
  "UID",
  "CA",
  "IANA",
  "UTC",
  "Cron",
  "SIGTERM",
  "dry",
  "run",
  "latest",
  "exec",
  "token",
  "current-context",
]);

// Things that are data even when not marked so: addresses, image references, object
// references, versions, times and numbers.
const DATA_PATTERNS = [
  /\S+@\S+\.\S+/g,
  /https?:\/\/\S+/g,
  /[\w.-]+(\/[\w.-]+)+(:[\w.-]+)?/g,
  /\b[\w.-]+:[\w.-]+\b/g,
  /\bv\d+\b/g,
  /\b[A-Z][a-z]+\/[A-Z][a-z_]+\b/g,
  /\{[a-z]+\}/g,
];

export function latinWords(pieces: Piece[], alsoAllowed: string[] = []): string[] {
  const allowed = new Set([...LATIN_ALLOWED, ...alsoAllowed]);
  const found: string[] = [];
  for (const { text, where } of pieces) {
    let rest = text;
    for (const pattern of DATA_PATTERNS) rest = rest.replace(pattern, " ");
    for (const word of rest.match(/[A-Za-z][A-Za-z'-]*/g) ?? []) {
      if (!allowed.has(word)) found.push(`"${word}" in ${where}: ${text.slice(0, 120)}`);
    }
  }
  return found;
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;

export function cjkText(pieces: Piece[]): string[] {
  return pieces.filter(({ text }) => CJK.test(text)).map(({ text, where }) => `${where}: ${text.slice(0, 120)}`);
}
