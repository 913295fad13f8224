import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { create, toBinary, toJson, type DescMessage } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStream, parseExportParams } from '@/lib/server/api/export-stream';
import { healthReport } from '@/lib/server/api/health-report';
import { importNdjson } from '@/lib/server/api/import-ndjson';
import { loadConfig } from '@/lib/server/config/config';
import { createHub, type Hub } from '@/lib/server/hub';
import { decodeFrames } from '@/lib/server/ingest/decode-frames';
import { conformanceCases, type Json } from './schema-cases';
import { startStreamPeer, type StreamPeer } from './stream-peer';

/**
 * Holocron against the schema, with @bufbuild/protobuf as the oracle: every message type, oneof
 * member and enum value of proto/ (generated, schema-cases.ts) is encoded by @bufbuild, streamed
 * from a gRPC peer, ingested, exported, and compared with the protojson @bufbuild prints; then the
 * same JSON goes through /api/import (proto names, and lowerCamelCase) and must come back alike.
 * Last, a message with a field number and an enum number proto/ lacks: counted, nothing lost.
 */
const { cases, coverage, registry } = conformanceCases();
const tetragon = cases.filter((c) => c.stream === 'tetragon');
const hubble = cases.filter((c) => c.stream === 'hubble');

const dirs: string[] = [];
async function newHub(agents = ''): Promise<Hub> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-conformance-'));
  dirs.push(dir);
  return createHub(loadConfig({ HOLOCRON_AGENTS: agents, HOLOCRON_DB: path.join(dir, 'h.db') }));
}

async function exported(hub: Hub, source: 'flows' | 'events'): Promise<Json[]> {
  const res = exportStream(hub.store, parseExportParams(new URLSearchParams({ source })), new AbortController().signal);
  return (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);
}

async function until(hub: Hub, done: (c: { events: number; flows: number }) => boolean): Promise<void> {
  const end = Date.now() + 40_000;
  while (Date.now() < end) {
    await hub.batcher.flush();
    if (done(await hub.store.counts())) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Each case has its own top-level time: pair exported lines with the expected ones by it. */
function byTime(lines: Json[]): Map<unknown, Json> {
  return new Map(lines.map((l) => [l.time, l]));
}

function expectSame(got: Json[], want: Json[]): void {
  expect(got).toHaveLength(want.length);
  const g = byTime(got);
  for (const w of want) expect(g.get(w.time), JSON.stringify(w).slice(0, 200)).toEqual(w);
}

const ndjson = (lines: Json[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode(lines.map((l) => JSON.stringify(l)).join('\n')));
      c.close();
    },
  });

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('the generated cases cover the schema', () => {
  const messages = [...registry].filter((d): d is DescMessage => d.kind === 'message' && !d.typeName.startsWith('google.protobuf.') && !d.proto.options?.mapEntry);

  it('every message type', () => {
    expect(messages.length).toBeGreaterThan(170);
    expect(messages.map((m) => m.typeName).filter((n) => !coverage.messages.has(n))).toEqual([]);
  });

  it('every oneof member', () => {
    const members = messages.flatMap((m) => m.oneofs.flatMap((o) => o.fields.map((f) => `${m.typeName}.${f.name}`)));
    expect(members).toContain('tetragon.GetEventsResponse.process_usdt');
    expect(members.filter((n) => !coverage.oneofMembers.has(n))).toEqual([]);
  });

  it('every enum value a field can carry', () => {
    const used = new Set(messages.flatMap((m) => m.fields.flatMap((f) => (f.enum ? [f.enum.typeName] : []))));
    const enums = [...registry].filter((d) => d.kind === 'enum' && !d.typeName.startsWith('google.protobuf.'));
    // Declared upstream but no field has their type (they never reach the wire).
    expect(enums.filter((e) => !used.has(e.typeName)).map((e) => e.typeName).sort()).toEqual(['flow.EventType', 'tetragon.BpfProgramType']);
    const values = enums.flatMap((d) => (d.kind === 'enum' && used.has(d.typeName) ? d.values.map((v) => `${d.typeName}.${v.name}`) : []));
    expect(values).toContain('flow.DropReason.DROP_PUNT_PROXY');
    expect(values.filter((n) => !coverage.enumValues.has(n))).toEqual([]);
  });
});

describe('decoded as @bufbuild/protobuf prints it', () => {
  it.each([['tetragon' as const], ['hubble' as const]])('%s, message by message', (stream) => {
    for (const c of cases.filter((x) => x.stream === stream)) {
      const r = decodeFrames({ kind: stream, endpoint: 'conformance', frames: [c.bytes] });
      const rec = r.actions.find((a) => a.t === 'flow' || a.t === 'event');
      expect(rec?.t === 'flow' || rec?.t === 'event' ? JSON.parse(rec.rec.json) : null, c.label).toEqual(c.json);
      expect(r.undecoded, c.label).toBe(0);
    }
  });
});

describe('streamed over gRPC, ingested and exported', () => {
  let peer: StreamPeer;
  let hub: Hub;

  beforeAll(async () => {
    peer = await startStreamPeer({ tetragon: tetragon.map((c) => c.bytes), hubble: hubble.map((c) => c.bytes) });
    hub = await newHub(`tetragon://127.0.0.1:${peer.port},hubble://127.0.0.1:${peer.port}`);
    await until(hub, (c) => c.events >= tetragon.length && c.flows >= hubble.length);
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    peer?.stop();
  });

  it('Tetragon: every line as the oracle prints it', async () => {
    expectSame(await exported(hub, 'events'), tetragon.map((c) => c.json));
  });

  it('Hubble: every line as the oracle prints it', async () => {
    expectSame(await exported(hub, 'flows'), hubble.map((c) => c.json));
  });
});

describe('imported through /api/import and exported', () => {
  it('with proto field names', async () => {
    const hub = await newHub();
    try {
      const r = await importNdjson(hub, ndjson(cases.map((c) => c.json)));
      expect(r.errors).toEqual([]);
      expect(r.unknown).toBe(0);
      expectSame(await exported(hub, 'events'), tetragon.map((c) => c.json));
      expectSame(await exported(hub, 'flows'), hubble.map((c) => c.json));
    } finally {
      await hub.stop();
    }
  });

  it('with lowerCamelCase names, exported with proto names', async () => {
    const hub = await newHub();
    // An Any's packed fields are kept as given (their type is resolved only when printing).
    const plain = cases.filter((c) => !c.hasAny);
    try {
      const r = await importNdjson(hub, ndjson(plain.map((c) => c.camel)));
      expect(r.errors).toEqual([]);
      expectSame(await exported(hub, 'events'), plain.filter((c) => c.stream === 'tetragon').map((c) => c.json));
      expectSame(await exported(hub, 'flows'), plain.filter((c) => c.stream === 'hubble').map((c) => c.json));
    } finally {
      await hub.stop();
    }
  });
});

describe('a newer agent: a field number and an enum number this schema does not know', () => {
  const flowType = registry.getMessage('observer.GetFlowsResponse')!;
  const msg = create(flowType, {
    responseTypes: { case: 'flow', value: { uuid: 'f-newer', verdict: 99, l4: { protocol: { case: 'TCP', value: { sourcePort: 1, destinationPort: 2 } } } } },
    nodeName: 'kind-worker',
    time: { seconds: 1795338843n, nanos: 0 },
  } as never);
  // Field 4242 (a string) appended to the flow: the encoding of an unknown field, by hand.
  const known = toBinary(flowType, msg);
  const extra = Buffer.concat([Buffer.from([0x92, 0x89, 0x02]), Buffer.from([5]), Buffer.from('newer')]); // tag (4242<<3|2), length, bytes
  const flowBytes = toBinary(registry.getMessage('flow.Flow')!, (msg as unknown as { responseTypes: { value: never } }).responseTypes.value);
  const flowWithExtra = Buffer.concat([flowBytes, extra]);
  const frame = Buffer.concat([Buffer.from([0x0a, flowWithExtra.length]), flowWithExtra, known.subarray(2 + flowBytes.length)]);
  const oracle = toJson(flowType, msg, { useProtoFieldName: true, registry }) as Json;
  let peer: StreamPeer;
  let hub: Hub;

  beforeAll(async () => {
    expect(known[1]).toBe(flowBytes.length); // one-byte length: the frame above is well formed
    peer = await startStreamPeer({ tetragon: [], hubble: [frame] });
    hub = await newHub(`hubble://127.0.0.1:${peer.port}`);
    await until(hub, (c) => c.flows >= 1);
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    peer?.stop();
  });

  it('prints the enum number as protojson does, and exports what the oracle prints', async () => {
    expect((oracle.flow as Json).verdict).toBe(99);
    expect(await exported(hub, 'flows')).toEqual([oracle]);
  });

  it('keeps the unknown field bytes with the stored flow, and counts it in /api/health', async () => {
    const stored = JSON.parse((await hub.store.getFlow('f-newer'))!.json);
    expect(stored._holocron).toEqual({ unknown_fields: [{ path: '.flow', bytes: extra.toString('base64') }], unknown_enums: ['.flow.verdict'] });
    const health = await healthReport(hub);
    expect(health.agents.map((a) => [a.kind, a.undecoded])).toEqual([['hubble', 1]]);
  });
});
