// Messages of the security boundaries (kubeconfig checks, request checks, scaling rights), kept
// beside en.ts and zh-CN.ts. Every English key needs its zh-CN twin.
export const securityEn = {
  "kubeconfig.notInline":
    "{field}: Slipway accepts only credentials written into the kubeconfig (token, client-certificate-data, client-key-data, certificate-authority-data). Programs (exec, auth-provider), files, proxies and impersonation are refused.",
  "kubeconfig.badServer": "The cluster's server {server} is not an http:// or https:// URL.",
  "kubeconfig.refusedServer":
    "{host} is a link-local or cloud metadata address, not a cluster's API server. Enter the API server's address.",
  "apps.scalingReadOnly": "Only ops or an admin change this.",
  "audit.invalidFilter": "Not a valid filter, left out: {fields}.",
  "validation.tooDeep": "Nested too deeply: at most {max} levels.",
  "validation.tooLarge": "Too large: at most {max} kB in one request.",
  "validation.unstorable": "Contains characters that cannot be stored (NUL, or half of a Unicode pair).",
} as const;

export const securityZhCN: Record<keyof typeof securityEn, string> = {
  "kubeconfig.notInline":
    "{field}：Slipway 只接受直接写在 kubeconfig 中的凭据（token、client-certificate-data、client-key-data、certificate-authority-data），不接受程序（exec、auth-provider）、文件路径、代理和身份模拟。",
  "kubeconfig.badServer": "集群地址 {server} 不是 http:// 或 https:// 开头的 URL。",
  "apps.scalingReadOnly": "仅运维人员或管理员可修改此项。",
  "audit.invalidFilter": "以下筛选条件无效，已忽略：{fields}。",
  "validation.tooDeep": "嵌套层级过深：最多 {max} 层。",
  "validation.tooLarge": "内容过大：单次请求最多 {max} kB。",
  "validation.unstorable": "包含无法保存的字符（NUL 或残缺的 Unicode 代理对）。",
  "kubeconfig.refusedServer":
    "{host} 是链路本地地址或云厂商元数据服务地址，不是集群的 API Server，请填写 API Server 的地址。",
};
