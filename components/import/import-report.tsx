import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { DEFAULT_FLOWS_SEARCH, flowsHref } from '@/components/flows/search-params';
import { DEFAULT_PROCESSES_SEARCH, processesHref } from '@/components/processes/search-params';
import { importedWindow, type ImportTotals } from '@/lib/domain/import/import-tally';

/**
 * What an import did: lines read, flows and events added or already stored, lines that carried
 * neither, and the bad lines by number with the reason (the first 100; the count is exact). Links
 * open the flows and processes views over exactly the span of the imported lines.
 */
export function ImportReport({ totals, fileName }: { totals: ImportTotals; fileName: string }) {
  const window = importedWindow(totals);
  const hidden = totals.errorCount - totals.errors.length;
  const stat = (label: string, value: number, testId: string, tone = 'text-slate-100') => (
    <div className="rounded border border-slate-800 bg-slate-900 px-3 py-2">
      <div className="text-[11px] uppercase tracking-wide text-slate-500">{label}</div>
      <div className={`font-mono text-lg ${tone}`} data-testid={testId}>
        {value.toLocaleString('en-US')}
      </div>
    </div>
  );
  return (
    <section className="flex flex-col gap-3" data-testid="import-report">
      <h2 className="text-sm font-semibold text-slate-200">
        Imported <InertText value={fileName} max={120} className="font-mono" />
      </h2>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {stat('lines read', totals.lines, 'report-lines')}
        {stat('flows added', totals.flows.added, 'report-flows-added', 'text-emerald-300')}
        {stat('events added', totals.events.added, 'report-events-added', 'text-emerald-300')}
        {stat('duplicates', totals.flows.duplicates + totals.events.duplicates, 'report-duplicates', 'text-slate-300')}
        {stat('other lines', totals.skipped, 'report-skipped', 'text-slate-300')}
        {stat('bad lines', totals.errorCount, 'report-bad', totals.errorCount ? 'text-red-300' : 'text-slate-300')}
      </div>
      {window ? (
        <p className="flex flex-wrap items-center gap-2 text-xs text-slate-300" data-testid="import-window">
          <span>
            Lines from <span className="font-mono">{window.since}</span> to <span className="font-mono">{window.until}</span>:
          </span>
          <Link className="rounded bg-sky-700 px-2 py-1 text-white hover:bg-sky-600" href={flowsHref({ ...DEFAULT_FLOWS_SEARCH, ...window })} data-testid="import-open-flows">
            open these flows
          </Link>
          <Link className="rounded bg-sky-700 px-2 py-1 text-white hover:bg-sky-600" href={processesHref({ ...DEFAULT_PROCESSES_SEARCH, ...window })} data-testid="import-open-processes">
            open these process events
          </Link>
        </p>
      ) : (
        <p className="text-xs text-slate-400">No line carried a time, so there is no span to open.</p>
      )}
      {totals.errors.length > 0 && (
        <div className="rounded border border-red-900 bg-red-950/30 p-2" data-testid="import-errors">
          <h3 className="mb-1 text-xs font-semibold text-red-200">Bad lines (not imported; the rest were)</h3>
          <ol className="max-h-72 overflow-auto font-mono text-xs">
            {totals.errors.map((e, i) => (
              <li key={i} className="flex gap-2" data-testid="import-error">
                <span className="w-16 shrink-0 text-right text-red-300">line {e.line}</span>
                <InertText value={e.error} max={300} className="text-slate-200" />
              </li>
            ))}
          </ol>
          {hidden > 0 && <p className="mt-1 text-xs text-red-300">… and {hidden.toLocaleString('en-US')} more bad lines not listed.</p>}
        </div>
      )}
    </section>
  );
}
