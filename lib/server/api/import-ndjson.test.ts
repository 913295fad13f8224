import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scenarioNdjson } from '@/test/fixtures/scenario-records';
import type { Hub } from '../hub';
import { LiveHub } from '../live/live-hub';
import { SqliteStore } from '../store/sqlite/sqlite-store';
import { importNdjson } from './import-ndjson';

function body(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(c) {
      // Split mid-line on purpose: the importer must join chunks.
      for (let i = 0; i < bytes.length; i += 4093) c.enqueue(bytes.slice(i, i + 4093));
      c.close();
    },
  });
}

describe('NDJSON import', () => {
  let dir: string;
  let hub: Hub;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-import-'));
    hub = { store: new SqliteStore(path.join(dir, 'h.db')), live: new LiveHub() } as unknown as Hub;
  });

  afterEach(async () => {
    await hub.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores a capture once: re-importing the same file adds nothing', async () => {
    const text = scenarioNdjson();
    const lines = text.trim().split('\n').length;
    const first = await importNdjson(hub, body(text));
    expect(first.errorCount).toBe(0);
    expect(first.flows.added + first.events.added).toBe(lines);
    const second = await importNdjson(hub, body(text));
    expect(second.flows.added + second.events.added).toBe(0);
    expect(second.flows.duplicates + second.events.duplicates).toBe(lines);
    expect((await hub.store.counts()).flows).toBe(first.flows.added);
  });

  it('keeps the valid lines and reports the bad ones by line number', async () => {
    const good = scenarioNdjson().trim().split('\n').slice(0, 3);
    const text = [
      good[0],
      '{not json',
      '{"hello":"world"}',
      good[1],
      '{"process_exec":{"process":{"pid":"many"}},"time":"2026-11-22T09:00:00Z"}',
      '{"flow":{"verdict":"MAYBE","time":"2026-11-22T09:00:00Z"}}',
      '',
      good[2],
    ].join('\n');
    const r = await importNdjson(hub, body(text));
    // An enum name this schema lacks ("MAYBE") is not an error: the line is kept as given (below).
    expect(r.flows.added + r.events.added).toBe(4);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(r.errors[2]!.error).toContain('.process_exec.process.pid');
  });

  it('keeps a line with an enum name or a field it does not know verbatim, and says where', async () => {
    const line = { flow: { time: '2026-11-22T09:20:00Z', uuid: 'u-future', verdict: 'QUARANTINED', drop_reason_desc: 4242, quantum: { entangled: true } }, node_name: 'kind-worker' };
    const r = await importNdjson(hub, body(JSON.stringify(line)));
    expect(r).toMatchObject({ flows: { added: 1 }, errorCount: 0, unknown: 1 });
    const stored = JSON.parse((await hub.store.getFlow('u-future'))!.json);
    expect(stored.flow).toEqual(line.flow);
    expect(stored._holocron.unknown_keys).toEqual(['.flow.verdict', '.flow.drop_reason_desc', '.flow.quantum']);
  });

  it('accepts lowerCamelCase names and numeric enums, and keeps fields it does not know', async () => {
    const line = JSON.stringify({
      flow: { time: '2026-11-22T09:14:03.47Z', uuid: 'u-1', verdict: 2, dropReasonDesc: 133, trafficDirection: 'INGRESS', futureField: { x: 1 } },
      nodeName: 'kind-worker',
    });
    const r = await importNdjson(hub, body(line));
    expect(r.flows.added).toBe(1);
    const stored = JSON.parse((await hub.store.getFlow('u-1'))!.json);
    expect(stored.flow.verdict).toBe('DROPPED');
    expect(stored.flow.drop_reason_desc).toBe('POLICY_DENIED');
    expect(stored.flow.traffic_direction).toBe('INGRESS');
    expect(stored.flow.futureField).toEqual({ x: 1 });
    expect(stored.node_name).toBe('kind-worker');
  });
});
