import Link from 'next/link';
import type { QuickRange } from './search-params';

/** No flows matched: say why that may be and offer the obvious next steps. */
export function MapEmptyState({ filtered, onRange }: { filtered: boolean; onRange: (r: QuickRange) => void }) {
  return (
    <div className="absolute inset-0 z-10 flex items-center justify-center" data-testid="map-empty">
      <div className="max-w-md rounded-lg border border-slate-700 bg-slate-900/95 p-5 text-sm text-slate-300 shadow-xl">
        <p className="mb-2 text-base font-semibold text-slate-100">No flows in this time range</p>
        <p className="mb-3">
          Widen it{filtered ? ' or loosen the filter' : ''}, or check{' '}
          <Link href="/api/health" className="text-sky-300 hover:underline" prefetch={false}>
            /api/health
          </Link>{' '}
          that Hubble agents are connected (the <Link href="/" className="text-sky-300 hover:underline">overview</Link> shows them).
        </p>
        <div className="flex gap-2">
          {(['1h', '6h', '24h'] as const).map((r) => (
            <button key={r} type="button" onClick={() => onRange(r)} className="rounded bg-slate-700 px-2 py-1 text-xs text-slate-100 hover:bg-slate-600">
              last {r}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
