/**
 * The report of one import done in pieces: the answers of POST /api/import for each piece added
 * up, bad-line numbers moved from the piece to the file, and the time span of the lines sent, so
 * the views can open over exactly what was imported.
 */
import { microsToIso, rfc3339ToMicrosOr } from '@/lib/domain/time';

/** What POST /api/import answers (lib/server/api/import-ndjson.ts); fields it may add are ignored. */
export interface ImportAnswer {
  lines: number;
  flows: { added: number; duplicates: number };
  events: { added: number; duplicates: number };
  skipped: number;
  errors: { line: number; error: string }[];
  errorCount: number;
}

export const MAX_SHOWN_ERRORS = 100;

export interface ImportTotals extends ImportAnswer {
  /** Microseconds of the earliest and latest top-level `time` among the lines sent. */
  minUs: number | null;
  maxUs: number | null;
}

export function emptyTotals(): ImportTotals {
  return { lines: 0, flows: { added: 0, duplicates: 0 }, events: { added: 0, duplicates: 0 }, skipped: 0, errors: [], errorCount: 0, minUs: null, maxUs: null };
}

const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Adds one piece's answer; `firstLine` is the file's number of the piece's line 1. */
export function addAnswer(t: ImportTotals, a: Partial<ImportAnswer>, firstLine: number): void {
  t.lines += n(a.lines);
  t.flows.added += n(a.flows?.added);
  t.flows.duplicates += n(a.flows?.duplicates);
  t.events.added += n(a.events?.added);
  t.events.duplicates += n(a.events?.duplicates);
  t.skipped += n(a.skipped);
  const errors = Array.isArray(a.errors) ? a.errors : [];
  t.errorCount += Math.max(n(a.errorCount), errors.length);
  for (const e of errors) {
    if (t.errors.length >= MAX_SHOWN_ERRORS) break;
    t.errors.push({ line: firstLine - 1 + n(e.line), error: String(e.error ?? '') });
  }
}

/** A whole piece the server refused (413, 500 …): every line of it is reported under its first. */
export function addRefusal(t: ImportTotals, firstLine: number, lines: number, message: string): void {
  t.lines += lines;
  t.errorCount += lines;
  if (t.errors.length < MAX_SHOWN_ERRORS) t.errors.push({ line: firstLine, error: `lines ${firstLine}–${firstLine + lines - 1} not imported: ${message}` });
}

/**
 * The top-level `time` of a `tetra getevents -o json` / `hubble observe -o json` line (Hubble's
 * flow carries it in `flow.time` too), or null for a line without one or not JSON.
 */
export function lineTimeUs(line: string): number | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as { time?: unknown; flow?: { time?: unknown } };
  const text = typeof o.time === 'string' ? o.time : typeof o.flow?.time === 'string' ? o.flow.time : null;
  if (text === null) return null;
  const us = rfc3339ToMicrosOr(text, -1);
  return us < 0 ? null : us;
}

export function addLineTimes(t: ImportTotals, chunk: string): void {
  for (const line of chunk.split('\n')) {
    if (!line.trim()) continue;
    const us = lineTimeUs(line);
    if (us === null) continue;
    if (t.minUs === null || us < t.minUs) t.minUs = us;
    if (t.maxUs === null || us > t.maxUs) t.maxUs = us;
  }
}

/** since/until (inclusive, RFC 3339 with microseconds) covering exactly the imported lines. */
export function importedWindow(t: ImportTotals): { since: string; until: string } | null {
  if (t.minUs === null || t.maxUs === null) return null;
  return { since: microsToIso(t.minUs), until: microsToIso(t.maxUs) };
}
