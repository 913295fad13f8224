'use client';

import Link from 'next/link';
import { useRef, useState } from 'react';
import { alertFilterSearch, type AlertFilter } from '@/lib/domain/alerts/alert-filter';
import type { AlertCounts, AlertSummary, AlertTimeline as Timeline, RuleLoadError, RuleSetReport } from '@/lib/domain/alerts/alert-types';
import { AlertFilters } from './alert-filters';
import { AlertRow } from './alert-row';
import { AlertTimeline } from './alert-timeline';
import { FacetList } from './facet-list';
import { PriorityCounts } from './priority-counts';
import { RuleErrorsBanner } from './rule-errors-banner';
import { RuleSetPanel } from './rule-set-panel';
import { alertsHref, hasFilters } from './search-params';
import { useListKeys } from './use-list-keys';
import { useLiveAlerts } from './use-live-alerts';
import { apiFetch } from '@/components/api/api-fetch';

export interface AlertsViewProps {
  filter: AlertFilter;
  range: { sinceUs: number | null; untilUs: number | null };
  urlErrors: string[];
  items: AlertSummary[];
  next: string | null;
  counts: AlertCounts;
  timeline: Timeline | null;
  rules: number;
  loadErrors: RuleLoadError[];
  /** The effective rule set (absent in views that do not show it). */
  ruleSet?: RuleSetReport;
}

/** /alerts: counts, facets, filters, timeline and the live list; all state in the URL. */
export function AlertsView(props: AlertsViewProps) {
  const { filter, counts } = props;
  const { items, fresh, connected } = useLiveAlerts(props.items, filter, props.range);
  const [more, setMore] = useState<{ items: AlertSummary[]; next: string | null; loading: boolean; error: string | null }>({
    items: [],
    next: props.next,
    loading: false,
    error: null,
  });
  const list = useRef<HTMLOListElement>(null);
  useListKeys(list, '[data-testid="alert-link"]', '[data-testid="alert-search"]');

  const loadMore = async () => {
    if (!more.next) return;
    setMore((m) => ({ ...m, loading: true, error: null }));
    const search = alertFilterSearch(filter);
    search.set('cursor', more.next);
    search.set('limit', '200');
    const res = await apiFetch('GET /api/alerts', { query: search });
    if (res.ok) setMore((m) => ({ items: [...m.items, ...res.data.items], next: res.data.next, loading: false, error: null }));
    else setMore((m) => ({ ...m, loading: false, error: res.error.message }));
  };

  const shown = [...items, ...more.items.filter((a) => !items.some((b) => b.id === a.id))];
  const ruleRows = counts.byRule.map((r) => ({
    value: r.rule,
    label: r.rule,
    count: r.count,
    priority: r.priority,
    active: filter.rule === r.rule,
    href: alertsHref(filter, { rule: filter.rule === r.rule ? null : r.rule }),
  }));
  const namespaceRows = counts.byNamespace.map((n) => ({
    value: n.namespace || '\u0000host',
    label: n.namespace || 'host (no pod)',
    count: n.count,
    active: filter.namespace === n.namespace,
    href: n.namespace ? alertsHref(filter, { namespace: filter.namespace === n.namespace ? null : n.namespace }) : null,
  }));

  return (
    <div className="mx-auto max-w-[1600px] space-y-3">
      <RuleErrorsBanner errors={props.loadErrors} rules={props.rules} />
      {props.ruleSet && <RuleSetPanel report={props.ruleSet} />}
      {props.urlErrors.length > 0 && (
        <div role="alert" className="rounded border border-red-800 bg-red-950/50 p-2 text-sm text-red-200" data-testid="url-errors">
          Ignored in the link: {props.urlErrors.join('; ')}
        </div>
      )}
      <header className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold text-slate-100">Alerts</h1>
        <span className="text-sm text-slate-400" data-testid="alerts-total">
          {counts.total.toLocaleString('en-US')} alert{counts.total === 1 ? '' : 's'}
          {hasFilters(filter) ? ' match' : ''}
        </span>
        <span className={`rounded px-1.5 text-xs ${connected ? 'bg-emerald-900 text-emerald-300' : 'bg-slate-700 text-slate-300'}`}>
          {connected ? '● live' : 'offline'}
        </span>
        <span className="ml-auto text-xs text-slate-500">
          {props.rules} rules on every process event · j/k move · Enter opens · / search
        </span>
      </header>
      <PriorityCounts counts={counts.byPriority} filter={filter} />
      <div className="grid gap-3 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <aside className="space-y-3">
          <FacetList title="By rule" rows={ruleRows} testId="alerts-by-rule" empty="No rule has fired in this view." />
          <FacetList title="By namespace" rows={namespaceRows} testId="alerts-by-namespace" empty="—" />
        </aside>
        <div className="min-w-0 space-y-3">
          <AlertFilters filter={filter} />
          <AlertTimeline timeline={props.timeline} filter={filter} />
          <section className="rounded border border-slate-800 bg-slate-900/60" data-testid="alert-list">
            {shown.length === 0 ? (
              <EmptyList filtered={hasFilters(filter)} rules={props.rules} />
            ) : (
              <ol ref={list} aria-label="Alerts, newest first">
                {shown.map((a) => (
                  <AlertRow key={a.id} alert={a} fresh={fresh.has(a.id)} />
                ))}
              </ol>
            )}
            {(more.next || more.error) && (
              <div className="border-t border-slate-800 p-2 text-center text-sm">
                {more.error && <p className="mb-1 text-red-300">Loading more failed: {more.error}</p>}
                {more.next && (
                  <button type="button" onClick={loadMore} disabled={more.loading} className="rounded bg-slate-700 px-3 py-1 text-slate-100 hover:bg-slate-600 disabled:opacity-50">
                    {more.loading ? 'Loading…' : 'Load older alerts'}
                  </button>
                )}
              </div>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function EmptyList({ filtered, rules }: { filtered: boolean; rules: number }) {
  return (
    <div className="p-6 text-center text-sm text-slate-400" data-testid="alerts-empty">
      {filtered ? (
        <>
          <p>No alert matches these filters.</p>
          <p className="mt-1">
            <Link href="/alerts" className="text-sky-300 underline">
              Clear the filters
            </Link>{' '}
            or widen the time range.
          </p>
        </>
      ) : (
        <>
          <p>No alerts yet — nothing matched the {rules} rules so far.</p>
          <p className="mt-1 text-slate-500">
            Every process event is checked as it arrives; new alerts appear here live. Add or tune rules in HOLOCRON_RULES_DIR.
          </p>
        </>
      )}
    </div>
  );
}
