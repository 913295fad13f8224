import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deathStarRunningProcesses, deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { decodeExecId } from '@/lib/agent/sources/scenario/event-lookup';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { nsToRfc3339 } from '@/lib/wire/timestamp';
import { IngestBatcher } from '@/lib/server/ingest/batcher';
import { eventRecord, flowRecord } from '@/lib/server/ingest/records';
import { LiveHub, type LiveInput } from '@/lib/server/live/live-hub';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import type { HolocronConfig } from '@/lib/server/config/config';

/**
 * Test bench for detection: a scratch SQLite store, a live hub, and the ingest batcher wired
 * the way hub.ts wires them, fed with the real Death Star scenario generator (test-only).
 */
export const SCENARIO_BASE_NS = 1_795_334_400_000_000_000n; // 2026-11-22T08:00:00Z
export const CYCLE_NS = 60_000_000_000n;

export const DETECTION_CONFIG: Pick<HolocronConfig, 'rulesDir' | 'alertWebhooks' | 'publicUrl' | 'host' | 'port' | 'retentionMs'> = {
  rulesDir: null,
  alertWebhooks: [],
  publicUrl: 'https://holocron.example',
  host: '127.0.0.1',
  port: 3000,
  retentionMs: null,
};

export interface Bench {
  dir: string;
  store: SqliteStore;
  live: LiveHub;
  batcher: IngestBatcher;
  /** Stores (and so publishes) the procFS announcements and one cycle; resolves when stored. */
  feedCycle(loop: number, opts?: { withRunning?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** Tetragon announces what already runs at start as process_exec with flags "procFS". */
export function runningProcessLines(baseNs: bigint): TetragonEventJson[] {
  return deathStarRunningProcesses({ baseNs }).map((process) => ({
    process_exec: { process },
    node_name: decodeExecId(process.exec_id ?? '').node,
    time: nsToRfc3339(baseNs - 1_000_000n),
  }));
}

export function createBench(): Bench {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-detection-'));
  const store = new SqliteStore(path.join(dir, 'h.db'));
  const live = new LiveHub();
  const batcher = new IngestBatcher(store, {
    maxBatch: 2000,
    maxDelayMs: 5,
    highWater: 1_000_000,
    onInserted: (r) =>
      live.publish([
        ...r.flows.map((summary, i): LiveInput => ({ source: 'flows', summary, json: r.flowJson[i]! })),
        ...r.events.map((summary, i): LiveInput => ({ source: 'events', summary, json: r.eventJson[i]! })),
      ]),
    onLost: () => {},
    onCongestion: () => {},
  });
  return {
    dir,
    store,
    live,
    batcher,
    async feedCycle(loop, opts = {}) {
      if (opts.withRunning ?? loop === 0) for (const line of runningProcessLines(SCENARIO_BASE_NS)) batcher.acceptEvent(eventRecord(line));
      for (const item of deathStarScenario({ baseNs: SCENARIO_BASE_NS + BigInt(loop) * CYCLE_NS, loop })) {
        if (item.stream === 'tetragon') batcher.acceptEvent(eventRecord(item.json));
        else if (item.json.flow) batcher.acceptFlow(flowRecord(item.json));
      }
      do await batcher.flush();
      while (batcher.stats.queued > 0);
    },
    async close() {
      batcher.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
