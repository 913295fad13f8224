'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { CompactEventList } from '@/components/events/compact-event-list';
import { InertText } from '@/components/inert-text';
import { TimelineIcon } from '@/components/timeline/timeline-icon';
import { eventHref, podTimelineHref } from '@/lib/domain/process-context/process-link';
import type { FlowProcessesJson } from '@/lib/contract/events';
import { ProcessChain } from './process-chain';
import { apiFetch } from '@/components/api/api-fetch';

/**
 * For /flows/<uuid>: which process made the connection (with its ancestry) and what the
 * destination pod's processes did around that moment — from GET /api/flows/<uuid>/processes.
 * Usage: <FlowProcesses uuid={flow.uuid} />.
 */
export function FlowProcesses({ uuid }: { uuid: string }) {
  const [data, setData] = useState<FlowProcessesJson | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setData(null);
    setError(null);
    void apiFetch('GET /api/flows/[uuid]/processes', { params: { uuid }, signal: abort.signal }).then((res) => {
      if (abort.signal.aborted) return;
      if (res.ok) setData(res.data);
      else setError(res.error.message);
    });
    return () => abort.abort();
  }, [uuid]);

  return (
    <section className="rounded border border-slate-800 bg-slate-900/60 p-3" data-testid="flow-processes" aria-label="Processes behind this flow">
      <h2 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-400">Processes</h2>
      {error && <p className="text-xs text-red-300">The processes behind this flow could not be looked up: {error}</p>}
      {!data && !error && <p className="text-xs text-slate-400">Looking for the process that opened this connection…</p>}
      {data && <FlowProcessesBody data={data} />}
    </section>
  );
}

function FlowProcessesBody({ data }: { data: FlowProcessesJson }) {
  const c = data.connecting;
  const maker = c?.chain[0];
  const dest = data.destination;
  const fromMs = dest ? Math.floor(dest.sinceUs / 1000) : 0;
  const toMs = dest ? Math.ceil(dest.untilUs / 1000) : 0;
  return (
    <div className="space-y-3 text-xs">
      {c && maker ? (
        <div data-testid="connecting-process">
          <p className="flex flex-wrap items-baseline gap-x-1.5">
            <span className="text-slate-400">made by:</span>
            <Link href={eventHref(maker.execEventId ?? c.event.id)} className="font-mono font-semibold text-sky-300 hover:underline" data-testid="connecting-process-link">
              <InertText value={`${maker.binary}${maker.args ? ` ${maker.args}` : ''}`} max={200} />
            </Link>
            {maker.pod ? (
              <>
                <span className="text-slate-400">in</span>
                <Link href={podTimelineHref(maker.pod, maker.execId)} className="font-mono text-sky-300 hover:underline">
                  <InertText value={`${maker.pod.namespace}/${maker.pod.name}`} />
                </Link>
              </>
            ) : (
              <span className="text-slate-400">on host {c.event.node}</span>
            )}
          </p>
          <p className="mt-0.5 text-slate-500">
            <Link href={eventHref(c.event.id)} className="hover:underline">
              {c.event.functionName || c.event.kind}
            </Link>{' '}
            {c.deltaMs >= 0 ? `${c.deltaMs.toFixed(1)} ms after` : `${(-c.deltaMs).toFixed(1)} ms before`} the flow · {c.reason}
            {c.match !== 'exact' ? ' (less certain)' : ''}
          </p>
          <div className="mt-2">
            <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">Ancestry</h3>
            <ProcessChain chain={c.chain} currentExecId={maker.execId} testId="flow-ancestry" />
          </div>
        </div>
      ) : (
        <p className="text-slate-400" data-testid="no-connecting-process">
          {data.note}
        </p>
      )}
      {dest && (
        <div data-testid="destination-processes">
          <h3 className="mb-1 flex flex-wrap items-baseline gap-x-2 text-[11px] uppercase tracking-wide text-slate-500">
            <span>
              Destination pod <InertText value={`${dest.namespace}/${dest.pod}`} className="normal-case text-slate-300" /> around that time (±5 s)
            </span>
            <Link
              href={`${podTimelineHref({ namespace: dest.namespace, name: dest.pod })}?from=${fromMs}&to=${toMs}`}
              className="normal-case tracking-normal text-sky-300 hover:underline"
              data-testid="destination-timeline-link"
            >
              open the timeline <TimelineIcon />
            </Link>
          </h3>
          <CompactEventList events={dest.events} testId="destination-events" empty="No process event in the destination pod around that time." />
          {dest.truncated && <p className="mt-1 text-amber-300">Only the first {dest.events.length} are listed.</p>}
        </div>
      )}
    </div>
  );
}
