// Approvals that ship what the approver saw (issue 9): the captured diff, stale requests and the
// rule for protected environments' parameters. Every English key needs its zh-CN twin.
export const approvalsEn = {
  "releases.requestStatus.stale": "stale",
  "approvals.whatShips": "What would ship, as captured at request time",
  "approvals.noChanges": "Nothing would change.",
  "approvals.noSnapshot": "This request captured nothing to ship: it must be made again.",
  "approvals.stale":
    "The app's parameters or template changed after this request, so it no longer shows what would ship. Ask for the deploy again.",
  "approvals.staleBadge": "Stale: request again",
  "approvals.protectedParameters":
    "{env} is protected: only ops or an admin change its parameters. Ask them to make the change; it ships with the next approved deploy.",
} as const;

export const approvalsZhCN: Record<keyof typeof approvalsEn, string> = {
  "releases.requestStatus.stale": "已过期",
  "approvals.whatShips": "申请时记录的将要下发的变更",
  "approvals.noChanges": "不会有任何变更。",
  "approvals.noSnapshot": "该申请没有记录要下发的内容，请重新申请。",
  "approvals.stale": "申请之后应用的参数或模板已变更，该申请已不能反映将要下发的内容。请重新申请部署。",
  "approvals.staleBadge": "已过期：请重新申请",
  "approvals.protectedParameters":
    "{env} 环境受保护：只有运维人员或管理员可以修改其参数。请联系他们修改，修改随下一次审批通过的发布下发。",
};
