import Link from 'next/link';
import type { AlertCounts } from '@/lib/domain/alerts/alert-types';
import type { AlertFilter } from '@/lib/domain/alerts/alert-filter';
import { PRIORITIES, priorityRank } from '@/lib/domain/rules';
import { alertsHref } from './search-params';
import { PRIORITY_COLOR, PRIORITY_LABEL } from './priority-style';

/**
 * Alerts per priority, EMERGENCY … DEBUG. A tile filters to that priority and everything more
 * severe (Falco's "minimum priority"); the active one clears it. Counts ignore the priority
 * filter itself, so the tiles below the minimum still say what they would add.
 */
export function PriorityCounts({ counts, filter }: { counts: AlertCounts['byPriority']; filter: AlertFilter }) {
  const min = filter.priority;
  return (
    <nav aria-label="Alerts by priority" className="grid grid-cols-4 gap-2 lg:grid-cols-8" data-testid="priority-counts">
      {PRIORITIES.map((p) => {
        const n = counts[p] ?? 0;
        const active = min === p;
        const included = min === null || priorityRank(p) <= priorityRank(min);
        const color = PRIORITY_COLOR[p];
        return (
          <Link
            key={p}
            href={alertsHref(filter, { priority: active ? null : p })}
            data-testid={`priority-count-${p}`}
            aria-current={active ? 'true' : undefined}
            title={active ? 'Clear the minimum priority' : `Show ${PRIORITY_LABEL[p]} and more severe`}
            className={`rounded border px-3 py-2 transition-colors hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 ${
              active ? 'bg-slate-800' : 'bg-slate-900/60'
            } ${included ? '' : 'opacity-40'}`}
            style={{ borderColor: active ? color : n > 0 ? `${color}66` : '#1e293b' }}
          >
            <div className="text-[11px] font-semibold uppercase tracking-wide" style={{ color }}>
              {PRIORITY_LABEL[p]}
              {active && <span className="ml-1 text-slate-400">and above</span>}
            </div>
            <div className={`text-2xl tabular-nums ${n > 0 ? 'text-slate-100' : 'text-slate-600'}`} data-testid="priority-count">
              {n.toLocaleString('en-US')}
            </div>
          </Link>
        );
      })}
    </nav>
  );
}
