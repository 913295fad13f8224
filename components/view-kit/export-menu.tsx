import { appUrl } from '@/components/url-state/app-url';
import { exportHref, type ExportSource } from './export-href';

/** What each export holds, said where the link is (the upstream tool whose output it matches). */
const TITLES: Record<ExportSource, { ndjson: string; json: string }> = {
  flows: {
    ndjson: 'Every matching flow, oldest first, one hubble observe -o json line each',
    json: 'Every matching flow as one JSON array',
  },
  events: {
    ndjson: 'Every matching event, oldest first, one tetra getevents -o json line each',
    json: 'Every matching event as one JSON array',
  },
};

/** Export of the view as it is filtered: plain download links, so the server streams the file. */
export function ExportMenu({ source, dataParams }: { source: ExportSource; dataParams: URLSearchParams | string }) {
  const link = 'rounded px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-800 hover:text-white';
  return (
    <span className="flex items-center gap-0.5 rounded border border-slate-700 bg-slate-900 p-0.5" data-testid="export">
      <span className="px-1 text-[11px] uppercase tracking-wide text-slate-500">Export</span>
      <a href={appUrl(exportHref(source, dataParams, 'ndjson'))} download className={link} data-testid="export-ndjson" title={TITLES[source].ndjson}>
        NDJSON
      </a>
      <a href={appUrl(exportHref(source, dataParams, 'json'))} download className={link} data-testid="export-json" title={TITLES[source].json}>
        JSON
      </a>
    </span>
  );
}
