/**
 * The commands the container images run, as argv after `node`. The end-to-end harness
 * (e2e/support/holocron-server.ts) starts exactly these, and test/deploy checks that the
 * Containerfile and the Kubernetes manifests run them too — what the tests prove is what ships.
 */

/** The web server: the built Next app (`npm run build` in the image's build stage). */
export function serverArgv(host: string, port: number | string): string[] {
  return ['node_modules/next/dist/bin/next', 'start', '-H', host, '-p', String(port)];
}

/** The node agent (`npm run agent`): `--source …` and `--listen host:port`. */
export function agentArgv(args: readonly string[]): string[] {
  return ['node_modules/tsx/dist/cli.mjs', 'lib/agent/cli.ts', ...args];
}
