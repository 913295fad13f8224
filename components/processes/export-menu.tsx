'use client';

import { appUrl } from '@/components/url-state/app-url';
import { exportHref, type ProcessesSearch } from './search-params';

/**
 * Export of what the view shows (same filter and range), streamed by the server in the upstream
 * `tetra getevents -o json` line shape: NDJSON for jq and SIEMs, or one JSON array.
 */
export function ExportMenu({ search }: { search: ProcessesSearch }) {
  const link = 'rounded px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-800 hover:text-white';
  return (
    <span className="flex items-center gap-0.5 rounded border border-slate-700 bg-slate-900 p-0.5">
      <span className="px-1 text-[11px] uppercase tracking-wide text-slate-500">Export</span>
      <a href={appUrl(exportHref(search, 'ndjson'))} download className={link} data-testid="export-ndjson" title="Every matching event, oldest first, one tetra getevents -o json line each">
        NDJSON
      </a>
      <a href={appUrl(exportHref(search, 'json'))} download className={link} data-testid="export-json" title="Every matching event as one JSON array">
        JSON
      </a>
    </span>
  );
}
