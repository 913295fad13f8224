import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import type { Priority } from '@/lib/domain/rules';
import { PRIORITY_COLOR } from './priority-style';

/**
 * Counts by one dimension (rule, namespace) as links that filter by it; the active value links
 * back to "all". Rule names and namespaces can come from events: inert text.
 */
export interface FacetRow {
  value: string;
  label: string;
  count: number;
  /** null: shown but not a filter (e.g. host processes, which have no namespace). */
  href: string | null;
  active: boolean;
  priority?: Priority;
}

export function FacetList({ title, rows, testId, empty }: { title: string; rows: FacetRow[]; testId: string; empty: string }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className="rounded border border-slate-800 bg-slate-900/60 p-3" data-testid={testId}>
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-400">{title}</h2>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-500">{empty}</p>
      ) : (
        <ul className="space-y-0.5 text-sm">
          {rows.map((r) => (
            <li key={r.value}>
              {r.href === null ? (
                <span className={`${rowClass} text-slate-400`} title="Not filterable">
                  <FacetContent row={r} max={max} />
                </span>
              ) : (
                <Link
                  href={r.href}
                  aria-current={r.active ? 'true' : undefined}
                  data-testid="facet-row"
                  className={`${rowClass} hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
                    r.active ? 'bg-slate-800 ring-1 ring-sky-600' : ''
                  }`}
                  title={r.active ? 'Clear this filter' : 'Filter by this'}
                >
                  <FacetContent row={r} max={max} />
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const rowClass = 'relative flex items-center gap-2 overflow-hidden rounded px-2 py-1';

function FacetContent({ row, max }: { row: FacetRow; max: number }) {
  return (
    <>
      <span
        aria-hidden
        className="absolute inset-y-0 left-0 opacity-10"
        style={{ width: `${(row.count / max) * 100}%`, backgroundColor: row.priority ? PRIORITY_COLOR[row.priority] : '#38bdf8' }}
      />
      {row.priority && <span aria-hidden className="relative h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: PRIORITY_COLOR[row.priority] }} />}
      <span className="relative min-w-0 flex-1 truncate" data-testid="facet-label">
        <InertText value={row.label} max={80} />
      </span>
      <span className="relative tabular-nums text-slate-300">{row.count.toLocaleString('en-US')}</span>
    </>
  );
}
