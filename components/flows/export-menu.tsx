import { appUrl } from '@/components/url-state/app-url';
import { exportPath, type ExportFormat } from '@/lib/contract/export-format';
/**
 * Export what the view shows (same filter and time range) through /api/export, streamed by the
 * server: NDJSON reads like `hubble observe -o json`, JSON is one array.
 */
export function ExportMenu({ dataParams }: { dataParams: string }) {
  const href = (format: ExportFormat) => appUrl(exportPath('flows', format, dataParams));
  const link = 'rounded px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-800 hover:text-white';
  return (
    <span className="flex items-center gap-0.5 text-xs text-slate-500" data-testid="export">
      export
      <a className={link} href={href('ndjson')} download data-testid="export-ndjson" title="Download the flows of this view as NDJSON (hubble observe -o json lines)">
        NDJSON
      </a>
      <a className={link} href={href('json')} download data-testid="export-json" title="Download the flows of this view as one JSON array">
        JSON
      </a>
    </span>
  );
}
