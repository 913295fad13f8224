import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import type { AlertFilter } from '@/lib/domain/alerts/alert-filter';
import { PRIORITY_LABEL } from './priority-style';
import { alertsHref, hasFilters, windowLinks, windowOf } from './search-params';
import { appUrl } from '@/components/url-state/app-url';
import { TimeWindowPicker } from '@/components/view-kit/time-window-picker';

/**
 * Search words, pod and time range as a plain GET form (works with Enter, without scripts), the
 * active filters as removable chips, and quick time ranges. Every state is a URL.
 */
export function AlertFilters({ filter }: { filter: AlertFilter }) {
  const chips: { key: keyof AlertFilter; label: string; value: string }[] = [];
  if (filter.priority) chips.push({ key: 'priority', label: 'priority ≥', value: PRIORITY_LABEL[filter.priority] });
  if (filter.rule) chips.push({ key: 'rule', label: 'rule', value: filter.rule });
  if (filter.namespace) chips.push({ key: 'namespace', label: 'namespace', value: filter.namespace });
  if (filter.pod) chips.push({ key: 'pod', label: 'pod', value: filter.pod });
  if (filter.since) chips.push({ key: 'since', label: 'since', value: filter.since });
  if (filter.until) chips.push({ key: 'until', label: 'until', value: filter.until });
  if (filter.q) chips.push({ key: 'q', label: 'search', value: filter.q });
  const hidden = (['priority', 'rule', 'namespace', 'since', 'until'] as const).filter((k) => filter[k]);

  return (
    <section className="space-y-2 rounded border border-slate-800 bg-slate-900/60 p-3" data-testid="alert-filters">
      <form method="get" action={appUrl('/alerts')} className="flex flex-wrap items-center gap-2" role="search">
        {hidden.map((k) => (
          <input key={k} type="hidden" name={k} value={filter[k] ?? ''} />
        ))}
        <input
          name="q"
          defaultValue={filter.q}
          placeholder="Search rule, output, tags, pod… ( / )"
          aria-label="Search alerts"
          data-testid="alert-search"
          className="min-w-64 flex-1 rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 placeholder:text-slate-500 focus:border-sky-600 focus:outline-none"
        />
        <input
          name="pod"
          defaultValue={filter.pod ?? ''}
          placeholder="pod: namespace/prefix"
          aria-label="Pod (namespace/prefix)"
          className="w-56 rounded border border-slate-700 bg-slate-950 px-2 py-1 text-sm text-slate-100 placeholder:text-slate-500 focus:border-sky-600 focus:outline-none"
        />
        <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm text-white hover:bg-sky-600">
          Filter
        </button>
        <TimeWindowPicker value={windowOf(filter)} links={windowLinks(filter)} />
      </form>
      {chips.length > 0 && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="active-filters">
          {chips.map((c) => (
            <Link
              key={c.key}
              href={alertsHref(filter, { [c.key]: c.key === 'q' ? '' : null })}
              className="flex items-center gap-1 rounded-full border border-slate-700 bg-slate-800 px-2 py-0.5 text-slate-200 hover:border-red-500"
              title="Remove this filter"
            >
              <span className="text-slate-400">{c.label}</span>
              <InertText value={c.value} max={60} />
              <span aria-hidden className="text-slate-400">×</span>
            </Link>
          ))}
          {hasFilters(filter) && (
            <Link href="/alerts" className="ml-1 text-slate-400 underline hover:text-white">
              clear all
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
