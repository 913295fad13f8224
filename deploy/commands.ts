/**
 * The commands the container images run, as argv after `node`. The end-to-end harness
 * (e2e/support/holocron-server.ts) starts exactly these, and test/deploy checks that the
 * Containerfile and the Kubernetes manifests run them too — what the tests prove is what ships.
 */

import SERVER_ENV from './server-env.json';

/**
 * What the web server's process runs with (server-env.json; the Containerfile's ENV, npm start and
 * npm run demo set the same). Each bounds memory the process would otherwise keep (README "Memory"):
 * - `--max-old-space-size=1024`: V8 lets the heap grow to several times what is live before it
 *   collects, by a factor that depends on this limit: about 4× under the default limit (~4 GiB
 *   here), well under 2× at 1 GiB. Under 20 full exports the main thread's heap reached 429 MiB
 *   with ~100 MiB live; with the limit, 170 MiB.
 * - `--max-semi-space-size=8`: each isolate's young generation (the main thread and every worker:
 *   decode, writer, readers) may otherwise commit 48 MiB, most of it garbage between scavenges; at 8
 *   it commits at most 24 MiB.
 * - `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates its own malloc arena (up to 8 per
 *   core), and memory freed in one is not reused by another; the server runs a dozen threads
 *   (reader, writer and decode workers, libuv's pool).
 * - `MALLOC_MMAP_THRESHOLD_=131072`: blocks over 128 KiB (decode batches, record chunks, what
 *   threads post each other) get their own mapping, returned to the system when freed. glibc otherwise raises
 *   this threshold to the largest block freed so far (up to 32 MiB), after which such blocks come
 *   from the arenas, whose freed space stays in RSS; setting it turns that off.
 * A NODE_OPTIONS or MALLOC_* already set is kept (NODE_OPTIONS's flags come after ours and win).
 */
export function serverEnv(env: Record<string, string | undefined> = process.env): Record<string, string> {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || SERVER_ENV.MALLOC_ARENA_MAX,
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ || SERVER_ENV.MALLOC_MMAP_THRESHOLD_,
    NODE_OPTIONS: [SERVER_ENV.NODE_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
}

/** The web server: the built Next app (`npm run build` in the image's build stage). */
export function serverArgv(host: string, port: number | string): string[] {
  return ['node_modules/next/dist/bin/next', 'start', '-H', host, '-p', String(port)];
}

/** The node agent (`npm run agent`): `--source …` and `--listen host:port`. */
export function agentArgv(args: readonly string[]): string[] {
  return ['node_modules/tsx/dist/cli.mjs', 'lib/agent/cli.ts', ...args];
}
