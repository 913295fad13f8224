import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { serverEnv } from '@/deploy/commands';
import { E2E_TOKEN } from '@/e2e/support/e2e-token';
import { freePort } from './agent';
import { procCpuSeconds, procRssBytes, ROOT, spawnNode, type Child } from './child';
import { sleep } from './stats';

/**
 * The real server: a production build (`next build` once, into HOLOCRON_DIST_DIR — `.next-bench`
 * unless set) started with `next start` on a free port, auth on (the e2e token, so the browser
 * helpers log in with it).
 */
export interface NextServer {
  url: string;
  token: string;
  child: Child;
  get(path: string, extraHeaders?: Record<string, string>): Promise<Response>;
  json<T>(path: string): Promise<T>;
  /** The Node process serving requests (next start may run it as a child of the CLI). */
  serverPid(): number;
  rssBytes(): number;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export function distDir(): string {
  return process.env.HOLOCRON_DIST_DIR || '.next-bench';
}

export function buildIfNeeded(log: (m: string) => void): void {
  const env = { ...process.env, HOLOCRON_DIST_DIR: distDir(), NEXT_TELEMETRY_DISABLED: '1' };
  const t = Date.now();
  const out = execFileSync(process.execPath, ['scripts/build-if-needed.mjs'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (out.includes('building')) log(`built the app into ${distDir()} in ${Math.round((Date.now() - t) / 1000)} s`);
  restoreTsconfig();
}

/**
 * next build adds its dist directory's type globs to tsconfig.json's include list; a checkout
 * shared with others must not change under them. Only that edit is undone: any other change to
 * the file (someone's work in progress) is left alone.
 */
function restoreTsconfig(): void {
  let diff: string;
  try {
    diff = execFileSync('git', ['diff', '-U0', '--', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
  } catch {
    return; // not a git checkout
  }
  if (onlyNextTypeGlobs(diff)) execFileSync('git', ['checkout', '--', 'tsconfig.json'], { cwd: ROOT });
}

/** Whether a `git diff -U0` of tsconfig.json is nothing but next build's added type globs. */
export function onlyNextTypeGlobs(diff: string): boolean {
  const changed = diff.split('\n').filter((l) => /^[+-](?![+-])/.test(l));
  if (changed.length === 0) return false;
  const norm = (l: string) => l.slice(1).trim().replace(/,$/, '');
  const removed = changed.filter((l) => l.startsWith('-')).map(norm);
  const added = changed.filter((l) => l.startsWith('+')).map(norm);
  return removed.every((r) => added.includes(r)) && added.filter((a) => !removed.includes(a)).every((a) => /^"\.next[\w-]*\/(dev\/)?types\/\*\*\/\*\.ts"$/.test(a));
}

function descendants(pid: number): number[] {
  try {
    const out = execFileSync('ps', ['-eo', 'pid,ppid', '--no-headers'], { encoding: 'utf8' });
    const kids = new Map<number, number[]>();
    for (const line of out.trim().split('\n')) {
      const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number];
      kids.set(pp, [...(kids.get(pp) ?? []), p]);
    }
    const all: number[] = [];
    const walk = (p: number) => (kids.get(p) ?? []).forEach((k) => (all.push(k), walk(k)));
    walk(pid);
    return all;
  } catch {
    return [];
  }
}

export async function startNextServer(env: Record<string, string>): Promise<NextServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnNode('server', ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(port)], {
    ipc: false,
    env: { ...serverEnv(), HOLOCRON_DIST_DIR: distDir(), HOLOCRON_TOKEN: E2E_TOKEN, ...env },
  });
  const headers = { authorization: `Bearer ${E2E_TOKEN}` };
  const get = (path: string, extraHeaders: Record<string, string> = {}) => fetch(`${url}${path}`, { headers: { ...headers, ...extraHeaders } });
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!child.running()) throw new Error(`next start exited:\n${child.log().slice(-3000)}`);
    try {
      if ((await get('/api/health')).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer /api/health in 90 s:\n${child.log().slice(-3000)}`);
    await sleep(250);
  }
  // The process holding the most memory among the CLI and its children serves the requests.
  const pids = [child.proc.pid!, ...descendants(child.proc.pid!)];
  const serverPid = pids.sort((a, b) => procRssBytes(b) - procRssBytes(a))[0]!;
  return {
    url,
    token: E2E_TOKEN,
    child,
    get,
    async json<T>(path: string) {
      const res = await get(path);
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
      return (await res.json()) as T;
    },
    serverPid: () => serverPid,
    rssBytes: () => procRssBytes(serverPid),
    cpuSeconds: () => procCpuSeconds(serverPid),
    stop: () => child.stop(),
  };
}

/** The parts of /api/health the bench reads. */
export interface Health {
  store: { flows: number; events: number; bytes: number };
  ingest: { queued: number; inserted: number; congested: boolean };
  lost: { total: number };
  agents: { endpoint: string; state: string; received: number; upstreamLost: number }[];
}

export function storedOf(h: Health): number {
  return h.store.flows + h.store.events;
}

export function dbFileBytes(file: string): number {
  return ['', '-wal'].reduce((n, e) => n + (fs.existsSync(file + e) ? fs.statSync(file + e).size : 0), 0);
}
