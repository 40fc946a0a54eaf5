// Kubeconfig texts for tests: a server address and a token, nothing real.
export function kubeconfigFor(server: string, options: { context?: string | null } = {}): string {
  const context = options.context === undefined ? "test" : options.context;
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: test",
    "  cluster:",
    `    server: ${server}`,
    "    insecure-skip-tls-verify: true",
    "users:",
    "- name: test",
    "  user:",
    "    token: secret-token-value-123",
    "contexts:",
    "- name: test",
    "  context:",
    "    cluster: test",
    "    user: test",
    context === null ? "" : `current-context: ${context}`,
    "",
  ].join("\n");
}

// A loopback port with nothing listening: connections to it are refused.
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
