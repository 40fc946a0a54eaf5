// Kubernetes' own validation rules (apimachinery validation), kept in one place so parameter
// checks and output checks agree.

const LABEL_PART = "[a-z0-9](?:[-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL = new RegExp(`^${LABEL_PART}$`);
const DNS1123_SUBDOMAIN = new RegExp(`^${LABEL_PART}(?:\\.${LABEL_PART})*$`);
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const LABEL_NAME = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const PORT_NAME = /^(?=.*[a-z])[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/;

export function isDns1123Label(value: string, max = 63): boolean {
  return value.length <= max && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

export function isEnvVarName(value: string): boolean {
  return ENV_VAR_NAME.test(value);
}

// "." and ".." would be path traversal once the ConfigMap is mounted as files.
export function isConfigMapKey(value: string): boolean {
  return value.length <= 253 && CONFIG_MAP_KEY.test(value) && value !== "." && !value.startsWith("..");
}

export function isLabelValue(value: string): boolean {
  return value === "" || (value.length <= 63 && LABEL_NAME.test(value));
}

export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf("/");
  const name = slash === -1 ? key : key.slice(slash + 1);
  const prefix = slash === -1 ? null : key.slice(0, slash);
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === null || isDns1123Subdomain(prefix));
}

// IANA service name, what a named container port must be.
export function isPortName(value: string): boolean {
  return value.length <= 15 && PORT_NAME.test(value);
}

export function isPortNumber(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}
