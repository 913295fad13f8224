import type { ExportFormat, ExportSource } from '@/lib/contract/export-format';
/**
 * /api/export for what a view shows (same filter and time window), streamed by the server in the
 * upstream line shape: NDJSON (`hubble observe -o json`, `tetra getevents -o json` lines) for jq
 * and SIEMs, or one JSON array. Its parameters are the contract's (lib/contract/export-format.ts).
 */
export type { ExportFormat, ExportSource };

export function exportHref(source: ExportSource, dataParams: URLSearchParams | string, format: ExportFormat): string {
  const p = new URLSearchParams(dataParams);
  p.set('source', source);
  p.set('format', format);
  return `/api/export?${p}`;
}
