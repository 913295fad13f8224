/**
 * An RFC 3339 event time in the forms Falco prints: always nine fraction digits, in UTC, and the
 * exact nanoseconds since the epoch (a bigint: a double cannot hold today's epoch in ns).
 * Event strings are hostile: anything that is not a time gives undefined, never a throw.
 */

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

export interface FalcoTime {
  /** YYYY-MM-DD (UTC). */
  date: string;
  /** HH:MM:SS (UTC). */
  clock: string;
  /** The fraction of the second as nine digits. */
  nanos: string;
  /** Nanoseconds since the epoch. */
  epochNs: bigint;
}

export function parseFalcoTime(text: string | undefined): FalcoTime | undefined {
  if (!text) return undefined;
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, date, clock, frac = '', zone] = m;
  const ms = Date.parse(`${date}T${clock}${zone === 'z' ? 'Z' : zone}`);
  if (!Number.isFinite(ms)) return undefined;
  const nanos = frac.padEnd(9, '0');
  const utc = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  return {
    date: utc.slice(0, 10),
    clock: utc.slice(11, 19),
    nanos,
    epochNs: BigInt(ms / 1000) * 1_000_000_000n + BigInt(nanos),
  };
}

/** Falco's `time`: 2026-12-07T07:14:10.123456789Z. */
export function falcoIsoTime(t: FalcoTime): string {
  return `${t.date}T${t.clock}.${t.nanos}Z`;
}

/** Falco's evt.time as text (and its output prefix): 07:14:10.123456789. */
export function falcoClockTime(t: FalcoTime): string {
  return `${t.clock}.${t.nanos}`;
}
