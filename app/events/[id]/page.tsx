import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { TimelineIcon } from '@/components/timeline/timeline-icon';
import { ProcessChain } from '@/components/correlation/process-chain';
import { CompactEventList } from '@/components/events/compact-event-list';
import { DownloadJsonButton } from '@/components/view-kit/download-json-button';
import { EventCorrelation } from '@/components/events/event-correlation';
import { EventSummaryCards } from '@/components/events/event-summary';
import { Card } from '@/components/events/field-list';
import { JsonInspector } from '@/components/json-inspector/json-inspector';
import { compactEvent } from '@/lib/domain/compact-line';
import { eventDetails } from '@/lib/domain/process-context/event-details';
import { podTimelineHref } from '@/lib/domain/process-context/process-link';
import { displayCopy } from '@/lib/server/api/display-copy';
import { eventContext } from '@/lib/server/api/event-context';
import { ensureHub } from '@/lib/server/hub';
import { CompactIcon } from '@/components/events/compact-icon';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Event ${(await params).id.slice(0, 32)} · Holocron` };
}

/**
 * /events/<id>: the deep link to one process event — summary, the whole ancestry chain, the
 * process's other events, where its sockets went, and the exact upstream JSON in the inspector.
 */
export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(id)) return <Missing text="This is not an event id Holocron issues." />;
  const hub = await ensureHub();
  const stored = await eventContext(hub.store, id);
  const ctx = stored && displayCopy(stored); // bounded: long strings cut for the page
  if (!ctx) return <Missing text={`No event with id ${id} is stored. It may be older than the retention, or the link was cut.`} />;

  const { item } = ctx;
  const details = eventDetails(item.event);
  const line = compactEvent(item, item.event);
  const pod = item.pod ? { namespace: item.namespace, name: item.pod } : null;
  const fileName = `${item.kind.replace(/^process_/, '')}-${item.id}.json`;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-3" data-testid="event-page" data-kind={item.kind}>
      <header className="rounded border border-slate-800 bg-slate-900 p-3">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <CompactIcon icon={line.icon} className="self-center text-2xl" />
          <span className="text-sm uppercase tracking-wide text-slate-400">{line.verb}</span>
          <h1 className="min-w-0 flex-1 font-mono text-base text-slate-100" data-testid="event-title">
            <InertText value={line.text} max={400} />
          </h1>
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-400">
          <span>
            {item.time} · node {item.node || '?'}
            {details.cluster ? ` · cluster ${details.cluster}` : ''} · {item.kind}
          </span>
          <span className="ml-auto flex flex-wrap gap-1">
            {pod && (
              <Link href={podTimelineHref(pod, item.execId || undefined)} className="rounded bg-sky-800 px-2 py-0.5 text-white hover:bg-sky-700" data-testid="event-timeline-link">
                <TimelineIcon /> Pod timeline
              </Link>
            )}
            {item.execId && (
              <Link href={`/processes?q=${encodeURIComponent(`exec-id=${item.execId}`)}`} className="rounded border border-slate-700 px-2 py-0.5 text-slate-200 hover:bg-slate-800">
                All events of this process
              </Link>
            )}
            <a href="#flows" className="rounded border border-slate-700 px-2 py-0.5 text-slate-200 hover:bg-slate-800">
              Flows of this process
            </a>
            <DownloadJsonButton value={item.event} fileName={fileName} />
          </span>
        </div>
      </header>

      <EventSummaryCards details={details} />

      <div className="grid gap-3 lg:grid-cols-2">
        <Card title="Ancestry" testId="event-ancestry">
          <ProcessChain chain={ctx.chain} currentExecId={item.execId} testId="ancestry-chain" />
          <p className="mt-2 text-[11px] text-slate-500">Rebuilt from stored exec events by exec_id → parent_exec_id; host parents come from the events’ embedded parent.</p>
        </Card>
        <Card title={item.kind === 'process_exec' ? 'This process’s other events' : 'Events of this process'} testId="process-events">
          <CompactEventList
            events={ctx.processEvents.items}
            currentId={item.id}
            testId="process-event-list"
            empty="No other event of this process is stored."
          />
          {ctx.processEvents.truncated && <p className="mt-1 text-xs text-amber-300">Only the first {ctx.processEvents.items.length.toLocaleString()} are listed.</p>}
        </Card>
      </div>

      <div id="flows">
        <EventCorrelation ctx={ctx} />
      </div>

      <section className="flex h-[70vh] min-h-80 flex-col" aria-label="Upstream JSON">
        <h2 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400">Upstream JSON (exactly as the agent sent it)</h2>
        <JsonInspector value={item.event} fileName={fileName} defaultExpandDepth={4} />
      </section>
    </div>
  );
}

function Missing({ text }: { text: string }) {
  return (
    <div className="mx-auto max-w-3xl rounded border border-slate-800 bg-slate-900/60 p-6 text-sm text-slate-300" data-testid="event-missing">
      <p className="font-semibold">Event not found</p>
      <p className="mt-1 text-slate-400">
        <InertText value={text} max={300} />
      </p>
      <p className="mt-3">
        <Link href="/processes" className="text-sky-300 underline">
          Search the process events
        </Link>
      </p>
    </div>
  );
}
