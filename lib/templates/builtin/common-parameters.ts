import type { ParameterDef } from "../parameter-def";

// Parameters every built-in shares, so forms look the same whichever template an app uses.

export const imageParameter: ParameterDef = {
  name: "image",
  type: "image",
  required: true,
  title: { en: "Image", "zh-CN": "镜像" },
  help: { en: "Container image with a tag or digest.", "zh-CN": "带标签或摘要的容器镜像。" },
};

export const envParameter: ParameterDef = {
  name: "env",
  type: "keyValueList",
  default: [],
  title: { en: "Environment variables", "zh-CN": "环境变量" },
  section: "config",
  help: { en: "Environment variables.", "zh-CN": "环境变量。" },
};

export const secretValuesParameter: ParameterDef = {
  name: "secretValues",
  type: "secretValues",
  default: {},
  title: { en: "Secret variables", "zh-CN": "机密变量" },
  section: "config",
  help: {
    en: "Secret environment variables, stored encrypted and never shown again.",
    "zh-CN": "机密环境变量，加密保存，保存后不再显示。",
  },
};

export const configFilesParameter: ParameterDef = {
  name: "configFiles",
  type: "configFiles",
  default: {},
  title: { en: "Config files", "zh-CN": "配置文件" },
  section: "config",
  help: { en: "Files mounted read-only at the config path.", "zh-CN": "以只读方式挂载到配置路径的文件。" },
};

export const configMountPathParameter: ParameterDef = {
  name: "configMountPath",
  type: "string",
  default: "/etc/config",
  title: { en: "Config file directory", "zh-CN": "配置文件目录" },
  section: "config",
  advanced: true,
  help: { en: "Where the config files appear in the container.", "zh-CN": "配置文件在容器中的目录。" },
};

export const resourcesParameter: ParameterDef = {
  name: "resources",
  type: "resources",
  title: { en: "CPU and memory", "zh-CN": "CPU 与内存" },
  section: "resources",
  default: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
  help: { en: "CPU and memory requests and limits.", "zh-CN": "CPU 与内存的请求量和上限。" },
};

export const readinessProbeParameter: ParameterDef = {
  name: "readinessProbe",
  type: "probe",
  title: { en: "Readiness check", "zh-CN": "就绪检查" },
  section: "health",
  help: { en: "When a pod may receive traffic.", "zh-CN": "何时开始向 Pod 发送流量。" },
};

export const livenessProbeParameter: ParameterDef = {
  name: "livenessProbe",
  type: "probe",
  title: { en: "Liveness check", "zh-CN": "存活检查" },
  section: "health",
  help: { en: "When a pod is restarted as stuck.", "zh-CN": "何时判定 Pod 卡死并重启。" },
};

export const rollingUpdateParameter: ParameterDef = {
  name: "rollingUpdate",
  type: "rollingUpdate",
  title: { en: "Rolling update pace", "zh-CN": "滚动更新节奏" },
  section: "scaling",
  advanced: true,
  default: { maxSurge: "25%", maxUnavailable: 0 },
  help: {
    en: "How many pods a rollout may add or take away at once.",
    "zh-CN": "滚动更新时可同时增加或减少的 Pod 数。",
  },
};
