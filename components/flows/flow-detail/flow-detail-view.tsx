'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { FilterActionsProvider } from '@/components/filter-bar/filter-actions';
import { InertText } from '@/components/inert-text';
import { FlowProcesses } from '@/components/correlation/flow-processes';
import { JsonInspector } from '@/components/json-inspector/json-inspector';
import { compactFlow } from '@/lib/domain/compact-line';
import { formatChips, type Chip } from '@/lib/domain/query/chips';
import type { FlowSummary } from '@/lib/domain/records';
import type { FlowContext, FlowItem } from '@/lib/contract/flows';
import { FlowFields } from '../flow-fields';
import { flowsHref, DEFAULT_FLOWS_SEARCH } from '../search-params';
import { CopyLinkButton } from './copy-link-button';
import { DownloadJsonButton } from '@/components/view-kit/download-json-button';
import { NeighborFlows } from './neighbor-flows';

/**
 * /flows/<uuid>: the whole flow on one page — fields, neighbours between the same endpoints, the
 * upstream JSON — with a link to copy and the JSON to download. A value's + / − opens the flows
 * list filtered by it.
 */

const strip = ({ event: _e, ...summary }: FlowItem): FlowSummary => summary;

/** The list around this flow: ±1 minute, this flow selected. */
function inListHref(f: FlowSummary): string {
  const ms = Math.floor(f.ts / 1000);
  const iso = (t: number) => new Date(t).toISOString();
  return flowsHref({ ...DEFAULT_FLOWS_SEARCH, since: iso(ms - 60_000), until: iso(ms + 60_000), sel: f.id });
}

export function FlowDetailView({ context }: { context: FlowContext }) {
  const router = useRouter();
  const f = context.flow;
  const filterList = useCallback((chip: Chip) => router.push(flowsHref({ ...DEFAULT_FLOWS_SEARCH, q: formatChips([chip]) })), [router]);
  const dropped = f.verdict === 'DROPPED';
  return (
    <FilterActionsProvider add={filterList}>
      <div className="mx-auto flex max-w-7xl flex-col gap-3" data-testid="flow-detail">
        <header className="flex flex-wrap items-start gap-3">
          <div className="min-w-0 flex-1">
            <p className="text-xs text-slate-500">
              <Link href="/flows" className="hover:text-slate-300">
                Flows
              </Link>{' '}
              / <span className="font-mono">{f.id}</span>
            </p>
            <h1 className={`font-mono text-base ${dropped ? 'text-red-200' : 'text-slate-100'}`} data-testid="flow-title">
              <InertText value={compactFlow(f)} max={300} />
            </h1>
            <p className="text-xs text-slate-400">
              {f.time} · observed on <span className="text-slate-200">{f.node}</span>
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <CopyLinkButton />
            <DownloadJsonButton value={f.event} fileName={`flow-${f.id}.json`} />
            <Link href={inListHref(f)} className="rounded bg-slate-700 px-2 py-1 text-xs text-slate-100 hover:bg-slate-600" data-testid="show-in-list">
              ≡ show in list (±1 min)
            </Link>
          </div>
        </header>
        <div className="grid gap-3 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="flex flex-col gap-3">
            <FlowFields item={f} nodes={context.nodes} />
            <FlowProcesses uuid={f.id} />
            <NeighborFlows before={context.before.map(strip)} current={strip(f)} after={context.after.map(strip)} />
          </div>
          <section className="flex min-w-0 flex-col gap-1">
            <h3 className="text-[11px] font-semibold uppercase tracking-wide text-slate-400">Upstream JSON (as hubble observe -o json prints it)</h3>
            <JsonInspector value={f.event} fileName={`flow-${f.id}.json`} defaultExpandDepth={4} />
          </section>
        </div>
      </div>
    </FilterActionsProvider>
  );
}
