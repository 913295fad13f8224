import { parseSize } from '../config/durations';

/**
 * The one cap on a single string from an event, applied where every live and imported line
 * becomes a record (accept-line.ts). A 50 MB argument would otherwise travel whole into the
 * store, every API answer and every page that shows the event. A longer string keeps its first
 * `maxBytes` of UTF-8 (never half a character) followed by a marker that says it was cut and
 * how long it was, so the original length survives in the stored event and its exports.
 * Object keys are capped the same way (map fields such as pod labels carry hostile keys too).
 */
export const CUT_MARKER_PREFIX = '…[holocron cut this string: ';

export function cutMarker(originalBytes: number): string {
  return `${CUT_MARKER_PREFIX}${originalBytes} bytes, kept the first part]`;
}

export function defaultMaxStringBytes(): number {
  const text = process.env.HOLOCRON_MAX_STRING_SIZE?.trim();
  // config.ts validates the variable at start; a worker thread re-reads it here.
  try {
    return text ? Math.max(1024, parseSize(text)) : 256 * 1024;
  } catch {
    return 256 * 1024;
  }
}

function capString(s: string, maxBytes: number): string | null {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: most strings are decided without encoding.
  if (s.length * 3 <= maxBytes) return null;
  const bytes = Buffer.from(s, 'utf8');
  if (bytes.length <= maxBytes) return null;
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // not inside a multi-byte character
  return bytes.subarray(0, end).toString('utf8') + cutMarker(bytes.length);
}

/**
 * Cuts every over-long string (and key) inside `value` in place; returns how many were cut.
 * Iterative, so a deeply nested line cannot overflow the stack here.
 */
export function capStrings(value: unknown, maxBytes: number): number {
  let cut = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    // Arrays too: their keys are short indices, so only their values can be cut.
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      let target = key;
      const ck = capString(key, maxBytes);
      if (ck !== null) {
        delete obj[key];
        obj[ck] = v;
        target = ck;
        cut++;
      }
      if (typeof v === 'string') {
        const c = capString(v, maxBytes);
        if (c !== null) {
          obj[target] = c;
          cut++;
        }
      } else if (v && typeof v === 'object') stack.push(v);
    }
  }
  return cut;
}

/** Strings cut on this thread's ingest and imports since start (for /api/health). */
const KEY = Symbol.for('holocron.stringsCut');
export function countStringsCut(n: number): void {
  const holder = globalThis as Record<symbol, number | undefined>;
  holder[KEY] = (holder[KEY] ?? 0) + n;
}
export function stringsCut(): number {
  return (globalThis as Record<symbol, number | undefined>)[KEY] ?? 0;
}
