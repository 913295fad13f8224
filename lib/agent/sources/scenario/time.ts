/**
 * Nanosecond timestamps ⇄ RFC 3339. Tetragon and Hubble print protobuf Timestamps with 0, 3, 6
 * or 9 fractional digits; we always write 9 so a scenario event keeps its exact nanosecond (the
 * stored ids and the ordering depend on it), and we read any of them.
 */

const NS_PER_SECOND = 1_000_000_000n;
const NS_PER_MS = 1_000_000n;

/** `1700000000123456789n` → `"2023-11-14T22:13:20.123456789Z"`. */
export function nsToRfc3339(ns: bigint): string {
  // Floor division so instants before 1970 still get a non-negative fraction.
  let seconds = ns / NS_PER_SECOND;
  let fraction = ns % NS_PER_SECOND;
  if (fraction < 0n) {
    fraction += NS_PER_SECOND;
    seconds -= 1n;
  }
  const whole = new Date(Number(seconds * 1000n)).toISOString().slice(0, 19);
  return `${whole}.${fraction.toString().padStart(9, '0')}Z`;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses RFC 3339 (any offset, up to 9 fractional digits) to ns since the epoch; throws on junk. */
export function rfc3339ToNs(text: string): bigint {
  const m = RFC3339.exec(text);
  if (!m) throw new Error(`not an RFC 3339 timestamp: ${JSON.stringify(text)}`);
  const [, y, mo, d, h, mi, s, frac = '', , sign, oh, om] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) throw new Error(`not an RFC 3339 timestamp: ${JSON.stringify(text)}`);
  let ns = BigInt(ms) * NS_PER_MS + BigInt(frac.padEnd(9, '0') || '0');
  if (sign) {
    const offsetNs = BigInt(Number(oh) * 3600 + Number(om) * 60) * NS_PER_SECOND;
    ns = sign === '+' ? ns - offsetNs : ns + offsetNs;
  }
  return ns;
}

/** Milliseconds (fractions allowed, e.g. 2.5) → ns, for readable offsets inside a cycle. */
export function msToNs(ms: number): bigint {
  return BigInt(Math.round(ms * 1_000_000));
}

export function secondsToNs(seconds: number): bigint {
  return msToNs(seconds * 1000);
}
