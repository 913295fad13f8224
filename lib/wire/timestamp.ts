/**
 * google.protobuf.Timestamp ⇄ RFC 3339, the way protojson writes it: UTC, "Z", and 0, 3, 6 or 9
 * fractional digits (the fewest that keep every non-zero digit).
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

export interface SecondsNanos {
  seconds: bigint;
  nanos: number;
}

// Every decoded message formats its timestamps, and consecutive ones mostly share their second:
// the calendar part of the last second formatted is remembered.
let lastMs = NaN;
let lastBase = '';

export function formatTimestamp(seconds: bigint | number, nanos: number): string {
  const ms = Number(seconds) * 1000;
  if (ms !== lastMs) {
    lastBase = new Date(ms).toISOString().slice(0, 19); // 2026-11-22T09:14:03
    lastMs = ms;
  }
  const base = lastBase;
  if (nanos === 0) return `${base}Z`;
  const digits = String(nanos).padStart(9, '0');
  const frac = nanos % 1_000_000 === 0 ? digits.slice(0, 3) : nanos % 1000 === 0 ? digits.slice(0, 6) : digits;
  return `${base}.${frac}Z`;
}

export function parseTimestamp(text: string): SecondsNanos {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`not an RFC 3339 timestamp: ${JSON.stringify(text.slice(0, 64))}`);
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2026-13-45 over into 2027; a timestamp with impossible fields is refused instead.
  const back = new Date(ms);
  if (Number.isNaN(ms) || back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new Error(`not a valid date: ${JSON.stringify(text.slice(0, 64))}`);
  }
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  return { seconds: BigInt(ms / 1000), nanos: Number(frac.padEnd(9, '0')) };
}

export function timestampToNs(ts: SecondsNanos): bigint {
  return ts.seconds * 1_000_000_000n + BigInt(ts.nanos);
}

export function nsToTimestamp(ns: bigint): SecondsNanos {
  const seconds = ns / 1_000_000_000n;
  return { seconds, nanos: Number(ns - seconds * 1_000_000_000n) };
}

/** Microseconds since the epoch: exact enough for ordering, and safe as a JS number until year 2255. */
export function rfc3339ToMicros(text: string): number {
  const { seconds, nanos } = parseTimestamp(text);
  return Number(seconds) * 1_000_000 + Math.floor(nanos / 1000);
}

export function nsToRfc3339(ns: bigint): string {
  const { seconds, nanos } = nsToTimestamp(ns);
  return formatTimestamp(seconds, nanos);
}

export function microsToRfc3339(us: number): string {
  return nsToRfc3339(BigInt(Math.floor(us)) * 1000n);
}
