import { serverEnv } from '@/deploy/commands';
import { spawnTs, type Child } from '../support/child';
import type { HubCommand, HubReport, HubStats } from './hub-protocol';

/** The orchestrator's handle on a hub process (createHub in a child, see hub-process.ts). */
export interface HubProcess {
  child: Child<HubReport>;
  /** Resolves when `stored` items have been stored since the hub started. */
  reached(stored: number, timeoutMs: number): Promise<{ stored: number; firstMs: number; atMs: number }>;
  stats(): Promise<HubStats>;
  stop(): Promise<void>;
}

export interface HubOptions {
  agentAddr: string;
  dbFile: string;
  /** Extra node flags, e.g. --cpu-prof for `npm run bench -- --profile`. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

export async function startHub(opts: HubOptions): Promise<HubProcess> {
  const env = {
    HOLOCRON_AGENTS: `tetragon://${opts.agentAddr},hubble://${opts.agentAddr}`,
    HOLOCRON_DB: opts.dbFile,
    ...opts.env,
  };
  // The server's own memory settings (deploy/server-env.json), so the hub's RSS is the server's.
  const child = spawnTs<HubReport>('hub', 'bench/hub/hub-process.ts', [JSON.stringify(env)], { nodeArgs: opts.nodeArgs, env: serverEnv() });
  child.onMessage((m) => {
    if (m.type === 'error') console.error(`[hub] ${m.message}`);
  });
  await child.message((m): m is Extract<HubReport, { type: 'ready' }> => m.type === 'ready', 120_000);
  const send = (c: HubCommand) => child.send(c);
  return {
    child,
    async reached(stored, timeoutMs) {
      const done = child.message((m): m is Extract<HubReport, { type: 'reached' }> => m.type === 'reached', timeoutMs);
      send({ type: 'target', stored });
      return done;
    },
    async stats() {
      const answer = child.message((m): m is Extract<HubReport, { type: 'stats' }> => m.type === 'stats', 60_000);
      send({ type: 'stats' });
      return (await answer).stats;
    },
    async stop() {
      if (!child.running()) return;
      const stopped = child.message((m): m is Extract<HubReport, { type: 'stopped' }> => m.type === 'stopped', 120_000).catch(() => null);
      send({ type: 'stop' });
      await stopped;
      await child.exited(15_000); // it exits by itself (and writes its --cpu-prof profile)
      await child.stop();
    },
  };
}
