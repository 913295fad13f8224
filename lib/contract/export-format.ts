/**
 * GET /api/export?source=&format=&q=&since=&until=: the matching rows as upstream protojson, one
 * object per line (NDJSON, like `tetra getevents -o json` / `hubble observe -o json`) or one JSON
 * array. A download, not a JSON answer: the browser links to it (<a download>).
 */
export type ExportSource = 'flows' | 'events';
export type ExportFormat = 'ndjson' | 'json';

/** The export of a view: its data parameters (q, since, until) plus what and how. */
export function exportPath(source: ExportSource, format: ExportFormat, dataParams: URLSearchParams | string): string {
  const p = new URLSearchParams(dataParams);
  p.set('source', source);
  p.set('format', format);
  return `/api/export?${p}`;
}
