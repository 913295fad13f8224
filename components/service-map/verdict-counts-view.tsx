import type { VerdictCounts } from '@/lib/domain/service-map/service-map';

/** "12 forwarded · 3 dropped · 1 other", coloured, zero counts left out. */
export function VerdictCountsView({ counts }: { counts: VerdictCounts }) {
  const parts = [
    { n: counts.forwarded, label: 'forwarded', cls: 'text-emerald-300' },
    { n: counts.dropped, label: 'dropped', cls: 'text-red-300' },
    { n: counts.other, label: 'other', cls: 'text-slate-300' },
  ].filter((p) => p.n > 0);
  return (
    <span data-testid="verdict-counts">
      {parts.map((p, i) => (
        <span key={p.label} className={p.cls}>
          {i > 0 && <span className="text-slate-500"> · </span>}
          {p.n.toLocaleString('en-US')} {p.label}
        </span>
      ))}
    </span>
  );
}
