// The parameter form of an app (components/apps/parameter-form.tsx): its sections and the
// labels inside structured parameters. Parameter titles and help come from the template.
export const paramsEn = {
  "params.section.basics": "Basics",
  "params.section.resources": "Resources",
  "params.section.health": "Health checks",
  "params.section.networking": "Networking",
  "params.section.scaling": "Scaling",
  "params.section.config": "Configuration and secrets",
  "params.advanced": "Advanced ({count})",
  "params.readOnlyScale": "Only ops or an admin can change this.",
  "params.readOnly": "You may read these parameters but not change them.",
  "params.rollingUpdate.maxSurge": "Extra pods during a rollout",
  "params.rollingUpdate.maxUnavailable": "Pods that may be missing",
  "params.probe.http": "HTTP request",
  "params.probe.tcp": "TCP connection",
  "params.probe.exec": "Run a command",
  "params.noRows": "None yet.",
} as const;

export const paramsZhCN: Record<keyof typeof paramsEn, string> = {
  "params.section.basics": "基本设置",
  "params.section.resources": "资源",
  "params.section.health": "健康检查",
  "params.section.networking": "网络",
  "params.section.scaling": "扩缩容",
  "params.section.config": "配置与机密",
  "params.advanced": "高级设置（{count}）",
  "params.readOnlyScale": "只有运维人员或管理员可以修改此项。",
  "params.readOnly": "你可以查看这些参数，但不能修改。",
  "params.rollingUpdate.maxSurge": "滚动时最多多出的 Pod",
  "params.rollingUpdate.maxUnavailable": "滚动时最多缺少的 Pod",
  "params.probe.http": "HTTP 请求",
  "params.probe.tcp": "TCP 连接",
  "params.probe.exec": "执行命令",
  "params.noRows": "暂无。",
};
