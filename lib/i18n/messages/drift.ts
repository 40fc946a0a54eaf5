// Drift (issue 10): how the cluster differs from the release that should be running, on the app
// page and in a deploy's preview. Kept beside en.ts and zh-CN.ts; every key has its zh-CN twin.
export const driftEn = {
  "drift.title": "The cluster differs from release #{number}",
  "drift.hint":
    "Someone changed these in the cluster after the release. The next deploy or rollback puts the release's values back.",
  "drift.previewTitle": "This deploy overwrites changes made in the cluster since release #{number}",
  "drift.unreadable": "Could not compare with the cluster: {error}",
  "drift.image": "{object}: container {container} runs {actual}, the release set {expected}",
  "drift.replicas": "{object}: {actual} replicas, the release set {expected}",
  "drift.envChanged": '{object}: {container} env {name} is "{actual}", the release set "{expected}"',
  "drift.envAdded": '{object}: {container} env {name} = "{actual}" was added',
  "drift.envRemoved": '{object}: {container} env {name} was removed (the release set "{expected}")',
  "drift.containerMissing": "{object}: container {container} was removed",
  "drift.missing": "{object} was deleted from the cluster",
  "drift.by": "changed by {managers}",
};

export const driftZhCN: Record<keyof typeof driftEn, string> = {
  "drift.title": "集群与发布 #{number} 不一致",
  "drift.hint": "发布之后有人在集群里改动了以下内容。下一次发布或回滚会恢复为发布中的值。",
  "drift.previewTitle": "本次发布将覆盖发布 #{number} 之后在集群里做的改动",
  "drift.unreadable": "无法与集群比对：{error}",
  "drift.image": "{object}：容器 {container} 运行的镜像是 {actual}，发布设定的是 {expected}",
  "drift.replicas": "{object}：副本数为 {actual}，发布设定的是 {expected}",
  "drift.envChanged": "{object}：{container} 的环境变量 {name} 为 “{actual}”，发布设定的是 “{expected}”",
  "drift.envAdded": "{object}：{container} 新增了环境变量 {name} = “{actual}”",
  "drift.envRemoved": "{object}：{container} 的环境变量 {name} 被删除（发布设定的是 “{expected}”）",
  "drift.containerMissing": "{object}：容器 {container} 被删除",
  "drift.missing": "{object} 已从集群中删除",
  "drift.by": "改动者：{managers}",
};
