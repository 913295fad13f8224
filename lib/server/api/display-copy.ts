import { capStrings } from '../ingest/string-cap';

/**
 * What a server-rendered page hands to the browser: a copy with every string cut to
 * `maxBytes` (marked with its full length). Stored events keep up to HOLOCRON_MAX_STRING_SIZE
 * per string, and a page would otherwise carry each one several times (summary, ancestry,
 * inspector) in its HTML and its React payload; the exact JSON stays one request away
 * (/api/events/<id>, the export).
 */
export const DISPLAY_STRING_BYTES = 16 * 1024;

export function displayCopy<T>(value: T, maxBytes = DISPLAY_STRING_BYTES): T {
  const copy = structuredClone(value);
  capStrings(copy, maxBytes);
  return copy;
}
