// The environment page's watch caches (issue 17).
export const cachesEn = {
  "caches.title": "Watch caches (this Slipway process)",
  "caches.none":
    "No cache runs for this environment now: they start when a page or a release needs the cluster's state.",
  "caches.namespace": "Namespace",
  "caches.kind": "Kind",
  "caches.state": "State",
  "caches.objects": "Objects",
  "caches.lastEvent": "Last event",
  "caches.restarts": "Restarts",
  "caches.synced": "synced",
  "caches.unsynced": "not synced: may be stale",
  "caches.restartCount": "{restarts} restarts, {relists} lists",
  "caches.requests": "Kubernetes requests sent:",
  "caches.pageUnsynced":
    "Not in sync with the cluster, so nothing is shown rather than possibly stale state; the page tries again on its next refresh.",
} as const;

export const cachesZhCN: Record<keyof typeof cachesEn, string> = {
  "caches.title": "监听缓存（当前 Slipway 进程）",
  "caches.none": "此环境目前没有运行中的缓存：页面或发布需要集群状态时才会启动。",
  "caches.namespace": "命名空间",
  "caches.kind": "类型",
  "caches.state": "状态",
  "caches.objects": "对象数",
  "caches.lastEvent": "最近事件",
  "caches.restarts": "重启",
  "caches.synced": "已同步",
  "caches.unsynced": "未同步：数据可能已过期",
  "caches.restartCount": "重启 {restarts} 次，全量列出 {relists} 次",
  "caches.requests": "已发送的 Kubernetes 请求：",
  "caches.pageUnsynced": "未与集群同步：为避免显示可能已过期的状态，此处暂不显示；页面下次刷新时会重试。",
};
