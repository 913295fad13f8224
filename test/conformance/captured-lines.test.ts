import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/domain/query/parse';
import { isConnectionSample } from '@/lib/domain/service-map/map-sample';
import { rfc3339ToMicros } from '@/lib/wire/timestamp';
import type { QuerySource } from '@/lib/domain/query/kinds';
import { exportStream, parseExportParams } from '@/lib/server/api/export-stream';
import { importNdjson } from '@/lib/server/api/import-ndjson';
import { loadConfig } from '@/lib/server/config/config';
import { createHub, type Hub } from '@/lib/server/hub';
import { oracleRegistry } from './oracle-registry';
import { startStreamPeer, type StreamPeer } from './stream-peer';

/**
 * Lines as `tetra getevents -o json` and `hubble observe -o json` print them (test/fixtures/
 * captured/: every Tetragon event type and kprobe argument type, throttle and rate-limit lines;
 * HTTP/DNS/Kafka/ICMP/dropped/tunnel/SOCK flows, lost_events and node_status), encoded by
 * @bufbuild/protobuf and streamed over gRPC, or imported: both must export them field for field.
 */
type Json = Record<string, unknown>;
const read = (name: string) =>
  fs
    .readFileSync(path.join(__dirname, '../fixtures/captured', name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Json);
const tetragon = read('tetragon.ndjson');
const hubble = read('hubble.ndjson');
const registry = oracleRegistry();
const eventsType = registry.getMessage('tetragon.GetEventsResponse')!;
const flowsType = registry.getMessage('observer.GetFlowsResponse')!;

/** Key-order-free identity of a JSON value, to compare exports as multisets. */
const canonical = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Json)[k])}`).join(',')}}` : JSON.stringify(v);
const sorted = (lines: Json[]) => [...lines].sort((a, b) => (canonical(a) < canonical(b) ? -1 : 1));
/** The line's oneof member (the UI tells loss lines by it): its one key besides the envelope's. */
const member = (l: Json) => Object.keys(l).find((k) => !['node_name', 'time', 'cluster_name', 'node_labels', 'aggregation_info'].includes(k));

const dirs: string[] = [];
async function newHub(agents = ''): Promise<Hub> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-captured-'));
  dirs.push(dir);
  return createHub(loadConfig({ HOLOCRON_AGENTS: agents, HOLOCRON_DB: path.join(dir, 'h.db') }));
}

async function exported(hub: Hub, source: QuerySource, q = ''): Promise<Json[]> {
  const res = exportStream(hub.store, parseExportParams(new URLSearchParams({ source, q })), new AbortController().signal);
  return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);
}

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

it('the fixtures are canonical protojson (the oracle reads and prints each line unchanged)', () => {
  for (const [type, lines] of [[eventsType, tetragon], [flowsType, hubble]] as const) {
    for (const line of lines) expect(toJson(type, fromJson(type, line as never, { registry }), { useProtoFieldName: true, registry })).toEqual(line);
  }
  const members = new Set(tetragon.flatMap((l) => Object.keys(l)));
  for (const m of ['process_exec', 'process_exit', 'process_kprobe', 'process_tracepoint', 'process_loader', 'process_uprobe', 'process_throttle', 'process_lsm', 'process_usdt', 'rate_limit_info']) {
    expect(members).toContain(m);
  }
  // Every KprobeArgument member appears in some line.
  const argKinds = new Set(tetragon.flatMap((l) => JSON.stringify(l).match(/"[a-z_]+_arg"|"syscall_id"/g) ?? []));
  const declared = registry.getMessage('tetragon.KprobeArgument')!.oneofs[0]!.fields.map((f) => `"${f.name}"`);
  expect(declared.filter((a) => !argKinds.has(a))).toEqual([]);
});

describe.each([
  ['over gRPC', 'grpc'],
  ['through /api/import', 'import'],
] as const)('real lines %s', (_label, via) => {
  let hub: Hub;
  let peer: StreamPeer | null = null;

  beforeAll(async () => {
    if (via === 'grpc') {
      peer = await startStreamPeer({
        tetragon: tetragon.map((l) => toBinary(eventsType, fromJson(eventsType, l as never, { registry }))),
        hubble: hubble.map((l) => toBinary(flowsType, fromJson(flowsType, l as never, { registry }))),
      });
      hub = await newHub(`tetragon://127.0.0.1:${peer.port},hubble://127.0.0.1:${peer.port}`);
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        await hub.batcher.flush();
        const c = await hub.store.counts();
        if (c.events >= tetragon.length && c.flows >= hubble.length) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } else {
      hub = await newHub();
      const body = new Blob([[...tetragon, ...hubble].map((l) => JSON.stringify(l)).join('\n')]).stream();
      const report = await importNdjson(hub, body);
      expect(report).toMatchObject({ errorCount: 0, unknown: 0, events: { added: tetragon.length }, flows: { added: hubble.length } });
    }
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    peer?.stop();
  });

  it('exports every Tetragon line field for field, the loss and throttle lines in place', async () => {
    expect(sorted(await exported(hub, 'events'))).toEqual(sorted(tetragon));
  });

  it('exports every Hubble line field for field, lost_events and node_status in place', async () => {
    expect(sorted(await exported(hub, 'flows'))).toEqual(sorted(hubble));
  });

  it('selects each event type by its oneof name without the process_ prefix', async () => {
    const count = async (q: string) => (await exported(hub, 'events', q)).length;
    const of = (member: string) => tetragon.filter((l) => member in l).length;
    for (const [name, member] of [
      ['exec', 'process_exec'],
      ['exit', 'process_exit'],
      ['kprobe', 'process_kprobe'],
      ['tracepoint', 'process_tracepoint'],
      ['loader', 'process_loader'],
      ['uprobe', 'process_uprobe'],
      ['throttle', 'process_throttle'],
      ['lsm', 'process_lsm'],
      ['usdt', 'process_usdt'],
      ['rate_limit_info', 'rate_limit_info'],
    ]) {
      expect(await count(`event-type=${name}`), name).toBe(of(member!));
      expect(of(member!), name).toBeGreaterThan(0);
    }
  });

  it('selects, excludes and lists the Hubble notices in time order', async () => {
    const lost = await exported(hub, 'flows', 'type=LOST_EVENTS');
    expect(lost.map(member)).toEqual(['lost_events', 'lost_events']);
    expect((await exported(hub, 'flows', 'type=NODE_STATUS')).length).toBe(2);
    const flowsOnly = await exported(hub, 'flows', '!type=LOST_EVENTS !type=NODE_STATUS');
    expect(flowsOnly.every((l) => 'flow' in l)).toBe(true);
    expect(flowsOnly.length).toBe(hubble.filter((l) => 'flow' in l).length);
    expect((await exported(hub, 'flows', 'node=kind-worker2')).map(member)).toEqual(['lost_events']);
    // A flow-field filter never matches a notice.
    expect((await exported(hub, 'flows', 'verdict=DROPPED')).every((l) => 'flow' in l)).toBe(true);
    const page = await hub.store.listFlows({ q: parseQuery('', 'flows'), sinceUs: null, untilUs: null, limit: 100, cursor: null, order: 'oldest' });
    const times = page.rows.map((r) => JSON.parse(r.json) as Json).map((l) => rfc3339ToMicros(String((l.flow as Json | undefined)?.time ?? l.time)));
    expect(page.rows.map((r) => member(JSON.parse(r.json) as Json))).toContain('node_status');
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps the notices off the service map: it counts connections', async () => {
    const { samples } = await hub.store.mapSamples({ q: null, sinceUs: 0, untilUs: rfc3339ToMicros('2030-01-01T00:00:00Z'), maxGroups: 1000 });
    const count = (list: typeof samples) => list.reduce((n, x) => n + x.count, 0);
    expect(count(samples)).toBe(hubble.length);
    expect(count(samples.filter(isConnectionSample))).toBe(hubble.filter((l) => 'flow' in l).length);
  });
});
