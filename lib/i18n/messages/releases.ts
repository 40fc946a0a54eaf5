// The releases part of the catalogues (deploy, rollback, scale, restart, approvals), kept beside
// en.ts and zh-CN.ts. Every English key needs its zh-CN twin (the type says so).
export const releasesEn = {
  "releases.title": "Releases",
  "releases.locked": "Release #{number} ({kind} by {actor}) is {status} in this environment; wait until it finishes.",
  "releases.badTag": "Enter an image tag: letters, digits, '.', '_' or '-', at most 128 characters.",
  "releases.badImage": "{image} is not a valid image reference.",
  "releases.badReplicas": "Enter a whole number of replicas, 0 or more.",
  "releases.maxBelowMin": "The maximum must be at least the minimum.",
  "releases.aboveMax": "At most {max} replicas in this environment.",
  "releases.forbidden": "Your role ({role}) may not do this.",
  "releases.protectedOnly": "Only ops or an admin may do this in a protected environment.",
  "releases.alreadyDecided": "This request was already {status}.",
  "releases.rollbackOtherApp": "The release to roll back to belongs to another app or environment.",
  "releases.rollbackNotSucceeded": "Release #{number} did not succeed ({status}); choose a succeeded release.",
  "releases.nothingDeployed": "Nothing is deployed in this environment yet.",
  "releases.autoscaledSetBounds": "This app autoscales: set the minimum and maximum instead.",
} as const;

export const releasesZhCN: Record<keyof typeof releasesEn, string> = {
  "releases.title": "发布",
  "releases.locked": "此环境中的发布 #{number}（{kind}，{actor} 发起）状态为 {status}，请等待其结束。",
  "releases.badTag": "请输入镜像标签：字母、数字、'.'、'_' 或 '-'，最多 128 个字符。",
  "releases.badImage": "{image} 不是有效的镜像地址。",
  "releases.badReplicas": "请输入不小于 0 的整数副本数。",
  "releases.maxBelowMin": "最大值不能小于最小值。",
  "releases.aboveMax": "此环境最多 {max} 个副本。",
  "releases.forbidden": "你的角色（{role}）无权执行此操作。",
  "releases.protectedOnly": "受保护环境中只有运维或管理员可以执行此操作。",
  "releases.alreadyDecided": "该申请已被处理（{status}）。",
  "releases.rollbackOtherApp": "要回滚到的发布属于其他应用或环境。",
  "releases.rollbackNotSucceeded": "发布 #{number} 未成功（{status}），请选择一个成功的发布。",
  "releases.nothingDeployed": "此环境尚未部署任何版本。",
  "releases.autoscaledSetBounds": "此应用已启用自动扩缩容：请设置最小值和最大值。",
};
