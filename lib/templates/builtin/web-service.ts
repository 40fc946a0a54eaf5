import type { BuiltinTemplate } from "./builtin-template";
import {
  configFilesParameter,
  configMountPathParameter,
  envParameter,
  imageParameter,
  livenessProbeParameter,
  readinessProbeParameter,
  resourcesParameter,
  rollingUpdateParameter,
  secretValuesParameter,
} from "./common-parameters";
import { configFilesDocument, secretValuesDocument } from "./shared-documents";

// The template language can drop a mapping but not a single scalar, so "no spec.replicas when
// autoscaled" is two Deployment documents behind opposite $if conditions, written once here.
const deployment = (
  autoscaled: boolean,
) => `# The Deployment ${autoscaled ? "when the HorizontalPodAutoscaler owns the replica count" : "with a fixed replica count"}.
$if: ${autoscaled ? "params.autoscaling.enabled" : '"!params.autoscaling.enabled"'}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:${autoscaled ? "" : "\n  replicas: ${{ params.replicas }}"}
  selector:
    matchLabels: \${{ selectorLabels }}
  strategy:
    type: RollingUpdate
    rollingUpdate: \${{ params.rollingUpdate }}
  template:
    metadata:
      labels: \${{ labels }}
      annotations:
        $if: params.metricsPath
        prometheus.io/scrape: "true"
        prometheus.io/path: \${{ params.metricsPath }}
    spec:
      containers:
        - name: app
          image: \${{ params.image }}
          ports:
            - name: http
              containerPort: \${{ params.port }}
          env: \${{ params.env }}
          envFrom:
            - $if: params.secretValues
              secretRef:
                name: \${{ app.name }}-secrets
          resources: \${{ params.resources }}
          readinessProbe: \${{ params.readinessProbe }}
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
`;

const body = `${deployment(false)}---
${deployment(true)}---
apiVersion: v1
kind: Service
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  selector: \${{ selectorLabels }}
  ports:
    - name: http
      port: \${{ params.port }}
      targetPort: http
---
# Routing follows the environment: an Ingress on ingress-nginx, an HTTPRoute on the Gateway API.
$if: [params.ingress.host, env.routing.ingress]
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  ingressClassName: \${{ params.ingressClassName }}
  tls:
    - $if: params.ingress.tlsSecret
      hosts:
        - \${{ params.ingress.host }}
      secretName: \${{ params.ingress.tlsSecret }}
  rules:
    - host: \${{ params.ingress.host }}
      http:
        paths:
          - path: \${{ params.ingress.path }}
            pathType: Prefix
            backend:
              service:
                name: \${{ app.name }}
                port:
                  name: http
---
# hostnames keep the route to the app's host: a Gateway gives HTTPRoutes precedence over Ingresses.
$if: [params.ingress.host, env.routing.gateway]
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  parentRefs:
    - name: \${{ env.routing.gateway.name }}
      namespace: \${{ env.routing.gateway.namespace }}
      sectionName: \${{ env.routing.gateway.sectionName }}
  hostnames:
    - \${{ params.ingress.host }}
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: \${{ params.ingress.path }}
      backendRefs:
        - name: \${{ app.name }}
          port: \${{ params.port }}
---
$if: params.autoscaling.enabled
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: \${{ app.name }}
  labels: \${{ labels }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: \${{ app.name }}
  minReplicas: \${{ params.autoscaling.min }}
  maxReplicas: \${{ params.autoscaling.max }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: \${{ params.autoscaling.targetCpu }}
---
${configFilesDocument}---
${secretValuesDocument}`;

export const webService: BuiltinTemplate = {
  name: "web-service",
  description: {
    en: "An HTTP service: Deployment and Service, with optional Ingress, autoscaling, config files and secrets.",
    "zh-CN": "HTTP 服务：Deployment 与 Service，可选 Ingress、自动扩缩容、配置文件和机密。",
  },
  schema: {
    parameters: [
      imageParameter,
      {
        name: "replicas",
        type: "integer",
        default: 2,
        min: 0,
        max: 50,
        title: { en: "Replicas", "zh-CN": "副本数" },
        section: "scaling",
        help: { en: "Pods to run when autoscaling is off.", "zh-CN": "未启用自动扩缩容时运行的 Pod 数。" },
      },
      {
        name: "port",
        type: "port",
        default: 8080,
        title: { en: "Port", "zh-CN": "端口" },
        section: "networking",
        help: { en: "The port the server listens on.", "zh-CN": "服务监听的端口。" },
      },
      envParameter,
      secretValuesParameter,
      configFilesParameter,
      configMountPathParameter,
      resourcesParameter,
      readinessProbeParameter,
      livenessProbeParameter,
      {
        name: "ingress",
        type: "ingress",
        title: { en: "Public address", "zh-CN": "对外访问地址" },
        section: "networking",
        help: {
          en: "Route a host name and path prefix to the service; no host, no Ingress.",
          "zh-CN": "将主机名和路径前缀路由到服务；不填主机名则不创建 Ingress。",
        },
      },
      {
        name: "ingressClassName",
        type: "string",
        max: 253,
        title: { en: "Ingress class", "zh-CN": "Ingress 类" },
        section: "networking",
        advanced: true,
        help: { en: "Ingress class; empty uses the cluster default.", "zh-CN": "Ingress 类；留空使用集群默认值。" },
      },
      {
        name: "autoscaling",
        type: "autoscaling",
        title: { en: "Autoscaling", "zh-CN": "自动扩缩容" },
        section: "scaling",
        default: { enabled: false, min: 2, max: 5, targetCpu: 80 },
        help: {
          en: "Scale on CPU use between min and max pods.",
          "zh-CN": "按 CPU 使用率在最小与最大 Pod 数之间伸缩。",
        },
      },
      rollingUpdateParameter,
      {
        name: "metricsPath",
        type: "string",
        max: 1024,
        title: { en: "Metrics path", "zh-CN": "监控指标路径" },
        section: "health",
        advanced: true,
        help: {
          en: "Path of a Prometheus metrics endpoint, e.g. `/metrics`; empty means not scraped.",
          "zh-CN": "Prometheus 指标路径，例如 `/metrics`；留空则不采集。",
        },
      },
    ],
  },
  body,
};
