/** Time helpers shared by domain code: RFC 3339 text ⇄ microseconds since the epoch. */

const RFC3339 = /^(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

// Ingest parses every item's time, and consecutive items mostly share their second: the last
// second parsed (and checked) is remembered.
let lastSecond = '';
let lastSecondMs = 0;

/** Microseconds since the epoch, or `fallback` when the text is not RFC 3339. */
export function rfc3339ToMicrosOr(text: string, fallback: number): number {
  const m = RFC3339.exec(text);
  if (!m) return fallback;
  const second = `${m[1]}${m[3]}`;
  let ms: number;
  if (second === lastSecond) ms = lastSecondMs;
  else {
    ms = Date.parse(`${m[1]}${m[3] === 'z' ? 'Z' : m[3]}`);
    // Date.parse accepts some impossible dates; the round trip catches them.
    if (Number.isNaN(ms) || (m[3] === 'Z' && new Date(ms).toISOString().slice(0, 19) !== m[1]!.replace('t', 'T'))) return fallback;
    lastSecond = second;
    lastSecondMs = ms;
  }
  const micros = Number((m[2] ?? '').padEnd(9, '0').slice(0, 6));
  return ms * 1000 + micros;
}

export function microsToIso(us: number): string {
  const ms = Math.floor(us / 1000);
  const rest = String(Math.floor(us) - ms * 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace('Z', `${rest}Z`);
}
