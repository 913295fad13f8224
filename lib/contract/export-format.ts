/**
 * GET /api/export?source=&format=&q=&since=&until=: the matching rows as upstream protojson, one
 * object per line (NDJSON, like `tetra getevents -o json` / `hubble observe -o json`) or one JSON
 * array. A download, not a JSON answer: the browser links to it (<a download>, built by
 * components/view-kit/export-href.ts).
 */
export type ExportSource = 'flows' | 'events';
export type ExportFormat = 'ndjson' | 'json';

