import Link from 'next/link';
import type { OlderPage } from '@/lib/domain/flow-list/flow-window';
import type { LoadState } from './use-flow-rows';

/** What the table area says when it has no rows: loading, an error, or why it is empty. */
export function FlowsTableEmpty({ load, filtered, live, onRetry }: { load: LoadState; filtered: boolean; live: boolean; onRetry: () => void }) {
  const box = 'flex h-full flex-col items-center justify-center gap-2 rounded border border-slate-800 bg-slate-950/60 p-6 text-center text-sm';
  if (load.kind === 'loading') {
    return (
      <div className={box} data-testid="flows-loading">
        <p className="text-slate-400">Loading flows…</p>
      </div>
    );
  }
  if (load.kind === 'error') {
    return (
      <div className={box} role="alert" data-testid="flows-error">
        <p className="text-red-300">Could not load flows: {load.message}</p>
        <button type="button" className="rounded bg-slate-700 px-3 py-1 text-slate-100 hover:bg-slate-600" onClick={onRetry}>
          retry
        </button>
      </div>
    );
  }
  return (
    <div className={box} data-testid="flows-empty">
      {filtered ? (
        <>
          <p className="text-slate-300">No flows match this filter in this time range.</p>
          <p className="text-slate-500">Remove a chip, negate one with !, or widen the time range (All).{live ? ' New matching flows will appear here as they arrive.' : ''}</p>
        </>
      ) : (
        <>
          <p className="text-slate-300">No flows stored yet.</p>
          <p className="text-slate-500">
            Flows appear here as Hubble agents send them. Check the agents on the <Link href="/" className="text-sky-300 underline">overview</Link>, or import a
            `hubble observe -o json` capture with POST /api/import.
          </p>
        </>
      )}
    </div>
  );
}

/** The last line of the table: loading older rows, an error, or the start of stored history. */
export function FlowsTableFooter({ older, loading, error, onRetry }: { older: OlderPage; loading: boolean; error: string | null; onRetry: () => void }) {
  const cls = 'px-3 py-2 text-xs';
  if (error) {
    return (
      <div className={`${cls} text-red-300`} role="alert">
        Could not load older flows: {error}{' '}
        <button type="button" className="underline hover:text-white" onClick={onRetry}>
          retry
        </button>
      </div>
    );
  }
  if (loading) return <div className={`${cls} text-slate-400`} data-testid="loading-older">Loading older flows…</div>;
  if (older === 'end') {
    return <div className={`${cls} text-slate-500`} data-testid="history-end">Start of the stored history for this filter and time range (older flows are past the retention).</div>;
  }
  return <div className={`${cls} text-slate-500`}>Scroll for older flows…</div>;
}
