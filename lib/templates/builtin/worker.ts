import type { BuiltinTemplate } from "./builtin-template";
import {
  configFilesParameter,
  configMountPathParameter,
  envParameter,
  imageParameter,
  livenessProbeParameter,
  resourcesParameter,
  rollingUpdateParameter,
  secretValuesParameter,
} from "./common-parameters";
import { configFilesDocument, secretValuesDocument } from "./shared-documents";

const body = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  replicas: \${{ params.replicas }}
  selector:
    matchLabels: \${{ selectorLabels }}
  strategy:
    type: RollingUpdate
    rollingUpdate: \${{ params.rollingUpdate }}
  template:
    metadata:
      labels: \${{ labels }}
    spec:
      terminationGracePeriodSeconds: \${{ params.terminationGracePeriodSeconds }}
      containers:
        - name: worker
          image: \${{ params.image }}
          env: \${{ params.env }}
          envFrom:
            - $if: params.secretValues
              secretRef:
                name: \${{ app.name }}-secrets
          resources: \${{ params.resources }}
          livenessProbe: \${{ params.livenessProbe }}
          volumeMounts:
            - $if: params.configFiles
              name: config
              mountPath: \${{ params.configMountPath }}
              readOnly: true
      volumes:
        - $if: params.configFiles
          name: config
          configMap:
            name: \${{ app.name }}-config
---
${configFilesDocument}---
${secretValuesDocument}`;

export const worker: BuiltinTemplate = {
  name: "worker",
  description: {
    en: "A background worker: a Deployment with no Service or Ingress.",
    "zh-CN": "后台任务进程：不带 Service 和 Ingress 的 Deployment。",
  },
  schema: {
    parameters: [
      imageParameter,
      {
        name: "replicas",
        type: "integer",
        default: 1,
        min: 0,
        max: 50,
        title: { en: "Replicas", "zh-CN": "副本数" },
        section: "scaling",
        help: { en: "Worker pods to run.", "zh-CN": "运行的 Pod 数。" },
      },
      envParameter,
      secretValuesParameter,
      configFilesParameter,
      configMountPathParameter,
      resourcesParameter,
      livenessProbeParameter,
      rollingUpdateParameter,
      {
        name: "terminationGracePeriodSeconds",
        type: "integer",
        title: { en: "Shutdown grace period (s)", "zh-CN": "停止宽限期（秒）" },
        advanced: true,
        default: 30,
        min: 0,
        max: 3600,
        help: {
          en: "Seconds a worker gets to finish its job after SIGTERM.",
          "zh-CN": "收到 SIGTERM 后留给进程完成当前任务的秒数。",
        },
      },
    ],
  },
  body,
};
