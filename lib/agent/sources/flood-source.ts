import { AgentBus } from '../agent-bus';
import { nowNanos } from '../clock';
import { DEATH_STAR_CYCLE_SECONDS, deathStarScenario } from './scenario/death-star';
import { RatePacer, type AgentSource, type SourceLine } from './source';

/**
 * `flood:death-star`: load generation for benchmarks and fault tests. One scenario cycle is
 * encoded once; then copies are sent as fast as the link takes them (or at --rate), each copy
 * made unique by patching bytes in place — the flow uuid's last 12 hex digits, the first
 * characters of a Tetragon event's exec_id — so the receiver stores them as distinct events.
 * Content is otherwise repeated (times included): it measures throughput, not realism.
 */
export interface FloodSourceOptions {
  name: string;
  seed: number;
  rate: number | null;
}

interface Template {
  line: SourceLine;
  bytes: Buffer;
  patchAt: number; // offset of the bytes to overwrite, -1 when there is nothing to patch
  patchLen: number;
  timeUs: number;
}

const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function templates(seed: number): Template[] {
  const base = nowNanos() - BigInt(DEATH_STAR_CYCLE_SECONDS) * 1_000_000_000n;
  return deathStarScenario({ seed, baseNs: base }).map((item) => {
    const timeUs = Number(item.timeNs / 1000n);
    const encoded = AgentBus.encode(item.stream, item.json, timeUs);
    let marker = '';
    let len = 0;
    if (item.stream === 'hubble' && item.json.flow?.uuid) {
      marker = item.json.flow.uuid.slice(-12);
      len = 12;
    } else if (item.stream === 'tetragon') {
      const body = Object.values(item.json).find((v) => typeof v === 'object' && v && 'process' in v) as { process?: { exec_id?: string } } | undefined;
      marker = body?.process?.exec_id?.slice(0, 8) ?? '';
      len = marker ? 8 : 0;
    }
    const patchAt = marker ? encoded.bytes.indexOf(Buffer.from(marker, 'latin1')) : -1;
    const line = { stream: item.stream, json: item.json } as SourceLine;
    return { line, bytes: encoded.bytes, patchAt, patchLen: len, timeUs };
  });
}

function patch(t: Template, copy: number): Buffer {
  if (t.patchAt < 0) return t.bytes;
  const out = Buffer.from(t.bytes);
  const alphabet = t.line.stream === 'hubble' ? HEX : B64;
  let n = copy;
  for (let i = t.patchLen - 1; i >= 0; i--) {
    out[t.patchAt + i] = alphabet.charCodeAt(n % alphabet.length);
    n = Math.floor(n / alphabet.length);
  }
  return out;
}

export function createFloodSource(opts: FloodSourceOptions): AgentSource {
  if (opts.name !== 'death-star') throw new Error(`unknown flood template "${opts.name}" (available: death-star)`);
  return {
    async run(emit, signal) {
      const pool = templates(opts.seed);
      const pacer = opts.rate ? new RatePacer(opts.rate) : null;
      for (let copy = 1; !signal.aborted; copy++) {
        for (let i = 0; i < pool.length && !signal.aborted; i++) {
          const t = pool[i]!;
          const taken = emit({ ...t.line, encoded: { bytes: patch(t, copy), timeUs: t.timeUs } } as SourceLine);
          if (pacer) await pacer.tick(signal);
          // Every reader is full: the copy was dropped (and counted); give the sockets time to drain.
          else if (taken === false) await new Promise((r) => setTimeout(r, 1));
          // Unpaced, yield often: the sockets must get their turn or nothing leaves the process.
          else if (i % 64 === 63) await new Promise((r) => setImmediate(r));
        }
      }
    },
  };
}
