// Child-process plumbing shared by demo, start and the test runner: free ports, spawning with
// prefixed output, waiting for HTTP readiness, and stopping everything on exit or Ctrl-C.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

const SERVER_ENV = createRequire(import.meta.url)('../deploy/server-env.json');

/** The web server's memory settings (deploy/server-env.json, explained in deploy/commands.ts), keeping what is already set. */
export function serverEnv(env = process.env) {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX || SERVER_ENV.MALLOC_ARENA_MAX,
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ || SERVER_ENV.MALLOC_MMAP_THRESHOLD_,
    NODE_OPTIONS: [SERVER_ENV.NODE_OPTIONS, env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

const children = new Set();

export function run(name, command, args, opts = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  children.add(child);
  const prefix = (stream, out) =>
    stream.on('data', (buf) => {
      for (const line of buf.toString().split('\n')) if (line.trim()) out.write(`[${name}] ${line}\n`);
    });
  if (!opts.quiet) {
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
  }
  child.on('exit', () => children.delete(child));
  return child;
}

export const tsxBin = path.join('node_modules', '.bin', 'tsx');
export const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

export async function waitForHttp(url, timeoutMs = 60_000, headers = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers });
      if (res.status < 500) return res;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

export function stopAll(signal = 'SIGTERM') {
  for (const c of children) c.kill(signal);
}

export function stopOnExit() {
  const stop = () => {
    stopAll();
    setTimeout(() => process.exit(0), 1500).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', () => stopAll('SIGKILL'));
}
