/**
 * RFC 3339 → nanoseconds since the epoch as a plain number.
 *
 * A double carries ~0.25 µs of precision at today's epoch values: plenty to place bars and order
 * processes (a fork takes microseconds), and unlike bigint it survives JSON on its way to the
 * browser. Returns null instead of throwing: event strings are hostile, a bad one must not break
 * a whole tree.
 *
 * Building a tree parses one or two timestamps per event, so the protojson shape
 * (`YYYY-MM-DDTHH:MM:SS[.f{1,9}]Z`) is read by hand — a regex plus Date.UTC costs several times
 * more — and only other zone offsets take the regex path.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;
const NS_PER_MS = 1_000_000;
const MS_PER_DAY = 86_400_000;

export function rfc3339ToNs(text: string | undefined): number | null {
  if (!text) return null;
  return fastUtc(text) ?? withOffset(text);
}

/** Digits at [from, from + n) as a number, or -1 if any is not a digit. */
function digits(s: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function fastUtc(s: string): number | null {
  const len = s.length;
  const last = s.charCodeAt(len - 1);
  if (len < 20 || (last !== 90 && last !== 122)) return null; // Z / z
  if (s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':') return null;
  const sep = s[10];
  if (sep !== 'T' && sep !== 't' && sep !== ' ') return null;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60) return null;
  let frac = 0;
  if (len > 20) {
    const n = len - 21; // between '.' and 'Z'
    if (s[19] !== '.' || n < 1 || n > 9) return null;
    frac = digits(s, 20, n);
    if (frac < 0) return null;
    for (let i = n; i < 9; i++) frac *= 10;
  }
  const ms = daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000;
  return ms * NS_PER_MS + frac;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function withOffset(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  if (zone === 'Z' || zone === 'z') return null; // the fast path already said no
  // Same shape as "…Z" with the local time shifted: let the fast path validate and compute it.
  const utc = fastUtc(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? `.${frac}` : ''}Z`);
  if (utc === null) return null;
  const sign = zone.startsWith('-') ? -1 : 1;
  return utc - sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000 * NS_PER_MS;
}
