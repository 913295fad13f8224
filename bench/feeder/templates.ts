import { AgentBus, type AgentItem } from '@/lib/agent/agent-bus';
import { DEATH_STAR_CYCLE_SECONDS, deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import { eventBody, eventKindOf } from '@/lib/domain/event-summary';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { microsToRfc3339 } from '@/lib/wire/timestamp';

/**
 * The bench's stream: one Death Star cycle, encoded once, then sent as copies made unique by
 * patching bytes in place (the flood source's trick) — a flow's uuid tail, the first characters
 * of a Tetragon event's exec_id, which both feed the stored id. Unlike the flood source, the
 * bytes to patch are found through a marker written into the JSON before encoding, so the patch
 * can never land on a look-alike (a parent's exec_id) and every copy is a distinct stored item.
 */
export type StreamMix = 'mixed' | 'flows';

export interface Template {
  stream: 'tetragon' | 'hubble';
  json: TetragonEventJson | HubbleFlowJson;
  bytes: Buffer;
  patchAt: number;
  patchLen: number;
  alphabet: string;
  timeUs: number;
}

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const FLOW_MARK = 'zzzzzzzzzzzz'; // 12 characters: 16^12 copies
const EXEC_MARK = '~~~~~~~~'; // 8 characters: 64^8 copies

/** The cycle's lines with a marker where the copy number goes. */
function marked(item: { stream: 'tetragon' | 'hubble'; json: unknown }): { json: TetragonEventJson | HubbleFlowJson; mark: string } | null {
  if (item.stream === 'hubble') {
    const line = item.json as HubbleFlowJson;
    if (!line.flow?.uuid) return null;
    return { json: { ...line, flow: { ...line.flow, uuid: line.flow.uuid.slice(0, -FLOW_MARK.length) + FLOW_MARK } }, mark: FLOW_MARK };
  }
  const line = item.json as TetragonEventJson;
  const kind = eventKindOf(line);
  const body = eventBody(line);
  if (!kind || !body.process?.exec_id) return null;
  const process = { ...body.process, exec_id: EXEC_MARK + body.process.exec_id.slice(EXEC_MARK.length) };
  return { json: { ...line, [kind]: { ...body, process } } as TetragonEventJson, mark: EXEC_MARK };
}

export function buildTemplates(mix: StreamMix, seed = 1977, nowUs = Date.now() * 1000): Template[] {
  const baseNs = BigInt(nowUs - DEATH_STAR_CYCLE_SECONDS * 1e6) * 1000n;
  const out: Template[] = [];
  for (const item of deathStarScenario({ seed, baseNs })) {
    if (mix === 'flows' && item.stream !== 'hubble') continue;
    const m = marked(item);
    if (!m) continue;
    const timeUs = Number(item.timeNs / 1000n);
    const { bytes } = AgentBus.encode(item.stream, m.json, timeUs);
    const markBytes = Buffer.from(m.mark, 'latin1');
    const patchAt = bytes.indexOf(markBytes);
    if (patchAt < 0 || bytes.indexOf(markBytes, patchAt + 1) >= 0) throw new Error(`bench feeder: the copy marker is not unique in a ${item.stream} message`);
    out.push({ stream: item.stream, json: m.json, bytes, patchAt, patchLen: m.mark.length, alphabet: item.stream === 'hubble' ? HEX : B64, timeUs });
  }
  return out;
}

/** Copy number `copy` of a template: fresh bytes, the marker replaced by the copy's digits. */
export function patchCopy(t: Template, copy: number): Buffer {
  const out = Buffer.from(t.bytes);
  let n = copy;
  for (let i = t.patchLen - 1; i >= 0; i--) {
    out[t.patchAt + i] = t.alphabet.charCodeAt(n % t.alphabet.length);
    n = Math.floor(n / t.alphabet.length);
  }
  return out;
}

/**
 * A copy whose times are "now" (end-to-end latency: the receiver reads the emit time back from
 * the item's time) — encoded afresh, so only for moderate rates.
 */
export function stampedCopy(t: Template, copy: number, nowUs: number): AgentItem {
  const time = microsToRfc3339(nowUs);
  const digits = (len: number, alphabet: string) => {
    let s = '';
    let n = copy;
    for (let i = 0; i < len; i++) {
      s = alphabet[n % alphabet.length] + s;
      n = Math.floor(n / alphabet.length);
    }
    return s;
  };
  if (t.stream === 'hubble') {
    const line = t.json as HubbleFlowJson;
    const uuid = line.flow!.uuid!.slice(0, -FLOW_MARK.length) + digits(FLOW_MARK.length, HEX);
    return AgentBus.encode('hubble', { ...line, time, flow: { ...line.flow, time, uuid } }, nowUs);
  }
  const line = t.json as TetragonEventJson;
  const kind = eventKindOf(line)!;
  const body = eventBody(line);
  const process = { ...body.process, exec_id: digits(EXEC_MARK.length, B64) + body.process!.exec_id!.slice(EXEC_MARK.length) };
  return AgentBus.encode('tetragon', { ...line, time, [kind]: { ...body, process } } as TetragonEventJson, nowUs);
}
