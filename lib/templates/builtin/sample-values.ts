import type { AppInfo, EnvInfo } from "../render-template";

// Typical values for the built-ins, shared by the golden tests and the benchmark.

export const SAMPLE_APP: AppInfo = { name: "hello-app", team: "shop" };
export const SAMPLE_ENV: EnvInfo = { name: "dev", namespace: "shop-dev", routing: { mode: "ingress_nginx" } };
/** The same environment routing through a Gateway API Gateway's "http" listener. */
export const SAMPLE_GATEWAY_ENV: EnvInfo = {
  ...SAMPLE_ENV,
  routing: { mode: "gateway_api", gateway: { name: "edge", namespace: "gateway-system", sectionName: "http" } },
};

/** The "hello-app" sample: HTTP on 8080 with /metrics, routed by host and path prefix. */
export const HELLO_APP_VALUES = {
  image: "harbor.example.com/shop/hello-app:1.0",
  port: 8080,
  env: [{ name: "LOG_LEVEL", value: "info" }],
  readinessProbe: { type: "http", path: "/", port: 8080, periodSeconds: 5 },
  ingress: { host: "hello.example.com", path: "/hello" },
  metricsPath: "/metrics",
};

/** Every optional part of web-service switched on. */
export const WEB_SERVICE_FULL_VALUES = {
  image: "harbor.example.com/shop/hello-app@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  port: 8080,
  env: [
    { name: "LOG_LEVEL", value: "debug" },
    { name: "FEATURE_FLAGS", value: "yes" },
  ],
  secretValues: { DATABASE_URL: "postgres://hello:s3cret@db:5432/hello" },
  configFiles: { "app.yaml": "server:\n  port: 8080\nfeatures: [a, b]\n" },
  resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } },
  readinessProbe: { type: "http", path: "/ready", port: 8080 },
  livenessProbe: { type: "exec", command: ["/bin/check", "--live"], initialDelaySeconds: 10, failureThreshold: 3 },
  ingress: { host: "hello.example.com", path: "/hello", tlsSecret: "hello-example-com-tls" },
  ingressClassName: "nginx",
  autoscaling: { enabled: true, min: 2, max: 10, targetCpu: 70 },
  rollingUpdate: { maxSurge: 1, maxUnavailable: "10%" },
};

export const WORKER_VALUES = {
  image: "harbor.example.com/shop/mailer:2.3.1",
  replicas: 3,
  env: [{ name: "QUEUE", value: "mail" }],
  configFiles: { "worker.toml": "concurrency = 4\n" },
  livenessProbe: { type: "tcp", port: 9000, periodSeconds: 20 },
};

export const CRONJOB_VALUES = {
  image: "harbor.example.com/shop/report:0.9.0",
  schedule: "30 2 * * *",
  timeZone: "Asia/Shanghai",
  env: [{ name: "REPORT_KIND", value: "daily" }],
  secretValues: { SMTP_PASSWORD: "hunter2" },
};
