import { describe, expect, it } from 'vitest';
import { encodeProtoJson } from '@/lib/wire/from-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import { decodeFrames } from './decode-frames';

// A member of GetEventsResponse from a newer Tetragon (field 30, which this schema lacks): the
// message is still stored, as an event of kind "unknown" carrying the member's bytes.
describe('a newer event type', () => {
  it('is stored with its bytes and counted, not dropped', () => {
    const known = encodeProtoJson(wireTypes().GetEventsResponse, { node_name: 'kind-worker', time: '2026-11-22T09:14:03Z' });
    const member = Buffer.from([0xf2, 0x01, 0x03, 0x0a, 0x01, 0x78]); // field 30, length 3: { 1: "x" }
    const r = decodeFrames({ kind: 'tetragon', endpoint: 'tetragon://t:1', frames: [Buffer.concat([member, known])] });
    expect(r).toMatchObject({ received: 1, malformed: 0, undecoded: 1 });
    const action = r.actions[0]!;
    expect(action.t).toBe('event');
    if (action.t !== 'event') return;
    expect(action.rec.summary).toMatchObject({ kind: 'unknown', node: 'kind-worker', time: '2026-11-22T09:14:03Z' });
    expect(JSON.parse(action.rec.json)).toEqual({
      node_name: 'kind-worker',
      time: '2026-11-22T09:14:03Z',
      _holocron: { unknown_fields: [{ path: '.', bytes: member.toString('base64') }] },
    });
  });
});
