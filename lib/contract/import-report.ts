/**
 * POST /api/import: what an NDJSON upload stored. Bad lines are reported by number with the
 * reason (the first 100; `errorCount` counts all) and do not stop the rest.
 */
export interface ImportReport {
  lines: number;
  flows: { added: number; duplicates: number };
  events: { added: number; duplicates: number };
  skipped: number; // valid JSON lines that were not stored (none since every member is stored; kept for the report's shape)
  unknown: number; // stored lines with keys or enum names this schema does not know (kept verbatim, listed under `_holocron.unknown_keys`)
  errors: { line: number; error: string }[];
  errorCount: number;
  stringsCut: number; // strings cut to HOLOCRON_MAX_STRING_SIZE, each marked with its original length
  /** Every line up to this one is in the store (or was a duplicate or reported bad); set when the import stopped early. */
  storedThroughLine?: number;
}

/** The error body of an import that stopped early (upload limit, full disk): the message and what was stored. */
export type ImportStoppedBody = { error: string } & ImportReport;
