import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { agentArgv, serverArgv, serverEnv } from '../../deploy/commands';
import { authenticateOrigin, E2E_TOKEN } from './e2e-token';

/**
 * Starts what a user starts: our node agent (a real gRPC server on loopback) and the built
 * Holocron server (`next start`) on free ports with a scratch database. Output is kept for the
 * failure message.
 */
export interface RunningHolocron {
  url: string;
  token: string;
  agentAddr: string;
  dbFile: string;
  dataDir: string;
  log: () => string;
  stopServer(signal?: NodeJS.Signals): Promise<void>;
  serverPid(): number | null;
  stopAgent(): Promise<void>;
  startServer(): Promise<void>;
  startAgent(args?: string[]): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function stopChild(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill(signal);
  });
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export interface StartOptions {
  agentArgs?: string[] | null; // null: no agent
  env?: Record<string, string>;
  dataDir?: string;
}

export async function startHolocron(opts: StartOptions = {}): Promise<RunningHolocron> {
  const root = path.resolve(__dirname, '..', '..');
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-e2e-'));
  const dbFile = path.join(dataDir, 'holocron.db');
  const port = await freePort();
  const agentPort = await freePort();
  const agentAddr = `127.0.0.1:${agentPort}`;
  let output = '';
  const capture = (name: string, child: ChildProcess) => {
    const add = (b: Buffer) => {
      output += b
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((l) => `[${name}] ${l}\n`)
        .join('');
      if (output.length > 200_000) output = output.slice(-100_000);
    };
    child.stdout?.on('data', add);
    child.stderr?.on('data', add);
  };
  let agent: ChildProcess | null = null;
  let server: ChildProcess | null = null;
  const agentArgs = opts.agentArgs === undefined ? ['--source', 'scenario:death-star', '--rate', '3000'] : opts.agentArgs;

  const startAgent = async (args = agentArgs ?? []) => {
    agent = spawn(process.execPath, agentArgv([...args, '--listen', agentAddr]), { cwd: root });
    capture('agent', agent);
    await waitFor('the agent to listen', async () => output.includes(`listening on ${agentAddr}`), 30_000);
  };
  const startServer = async () => {
    server = spawn(process.execPath, serverArgv('127.0.0.1', port), {
      cwd: root,
      env: {
        ...process.env,
        ...serverEnv(),
        NEXT_TELEMETRY_DISABLED: '1',
        HOLOCRON_DB: dbFile,
        HOLOCRON_AGENTS: agentArgs ? `tetragon://${agentAddr},hubble://${agentAddr}` : '',
        HOLOCRON_TOKEN: E2E_TOKEN,
        ...opts.env,
      },
    });
    capture('server', server);
    const s = server;
    await waitFor(
      'the server to answer /api/health',
      async () => {
        if (s.exitCode !== null) throw new Error(`server exited with ${s.exitCode}:\n${output}`);
        const res = await fetch(`http://127.0.0.1:${port}${opts.env?.HOLOCRON_BASE_PATH ?? ''}/api/health`);
        return res.ok;
      },
      60_000,
    );
  };
  authenticateOrigin(`http://127.0.0.1:${port}`);
  if (agentArgs) await startAgent();
  await startServer();
  return {
    url: `http://127.0.0.1:${port}`,
    token: E2E_TOKEN,
    agentAddr,
    dbFile,
    dataDir,
    log: () => output,
    stopServer: (signal?: NodeJS.Signals) => stopChild(server, signal),
    serverPid: () => (server as ChildProcess | null)?.pid ?? null,
    stopAgent: () => stopChild(agent),
    startServer,
    startAgent,
    async stop() {
      await Promise.all([stopChild(server), stopChild(agent)]);
    },
  };
}

export async function getJson<T = unknown>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
