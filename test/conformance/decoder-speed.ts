/**
 * `npx tsx test/conformance/decoder-speed.ts`: the production decode path (protobufjs reader +
 * toProtoJson, as decode-frames.ts runs it) against @bufbuild/protobuf (fromBinary + toJson) on
 * the same frames — the captured-style lines of test/fixtures/captured, encoded. Both in one run,
 * alternating, so a busy machine slows both alike; the ratio is the figure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromBinary, fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import protobuf from 'protobufjs';
import { toProtoJson } from '@/lib/wire/to-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import { oracleRegistry } from './oracle-registry';

const registry = oracleRegistry();
const w = wireTypes();
const sets = (['tetragon', 'hubble'] as const).map((name) => {
  const desc = registry.getMessage(name === 'tetragon' ? 'tetragon.GetEventsResponse' : 'observer.GetFlowsResponse')!;
  const type = name === 'tetragon' ? w.GetEventsResponse : w.GetFlowsResponse;
  const lines = fs.readFileSync(path.join(__dirname, '../fixtures/captured', `${name}.ndjson`), 'utf8').split('\n').filter(Boolean);
  const frames = lines.map((l) => toBinary(desc, fromJson(desc, JSON.parse(l), { registry })));
  return { name, desc, type, frames };
});

function ours(): number {
  let n = 0;
  for (const s of sets)
    for (const f of s.frames) {
      const r = protobuf.Reader.create(f);
      r.discardUnknown = false;
      n += Object.keys(toProtoJson(s.type, s.type.decode(r) as unknown as Record<string, unknown>)).length;
    }
  return n;
}
function bufbuild(): number {
  let n = 0;
  for (const s of sets) for (const f of s.frames) n += Object.keys(toJson(s.desc, fromBinary(s.desc, f), { useProtoFieldName: true, registry }) as object).length;
  return n;
}

const frames = sets.reduce((a, s) => a + s.frames.length, 0);
const rounds = 200;
const time = { ours: 0, bufbuild: 0 };
for (let i = 0; i < 20; i++) (ours(), bufbuild()); // warm-up
for (let i = 0; i < rounds; i++) {
  let t = performance.now();
  ours();
  time.ours += performance.now() - t;
  t = performance.now();
  bufbuild();
  time.bufbuild += performance.now() - t;
}
const rate = (ms: number) => Math.round((frames * rounds) / (ms / 1000));
console.log(`protobufjs + toProtoJson: ${rate(time.ours).toLocaleString('en-US')} msg/s`);
console.log(`@bufbuild fromBinary + toJson: ${rate(time.bufbuild).toLocaleString('en-US')} msg/s`);
console.log(`ratio bufbuild/ours: ${(time.ours / time.bufbuild).toFixed(2)}`);
