'use client';

import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { ancestryChain, barLabel, type ProcessForest, type ProcessNode } from '@/lib/domain/ancestry';
import { eventHref } from '@/lib/domain/process-context/process-link';
import { barTone } from '@/lib/domain/timeline/bar-tone';
import { clockTime, formatDuration, formatOffset } from '@/lib/domain/timeline/format-duration';
import { markerIcon, markerVerb } from '@/lib/domain/timeline/marker-clusters';
import { LABEL_CLASS } from './tone-styles';
import { CompactIcon } from '@/components/events/compact-icon';

/**
 * The selected process: what it ran, when, how it ended, where it sits in the tree (every
 * ancestor a button that selects it), and all its events in time order, each a link to
 * /events/<id> — the exec, the kprobes (connect, read, truncate …) and the exit.
 */
export function ProcessDetails({
  forest,
  node,
  rangeStartNs,
  onSelect,
  onZoomTo,
  onClose,
}: {
  forest: ProcessForest;
  node: ProcessNode;
  rangeStartNs: number;
  onSelect(execId: string): void;
  onZoomTo(execId: string): void;
  onClose(): void;
}) {
  const chain = ancestryChain(forest, node.execId).reverse();
  const tone = barTone(node);
  const timeline: { id: string | null; icon: string; what: string; ns: number | null; tone?: string }[] = [];
  timeline.push({ id: node.execEventId, icon: '🚀', what: node.seenExec ? 'exec' : 'started (exec not stored)', ns: node.startNs });
  for (const m of node.events) timeline.push({ id: m.id, icon: markerIcon(markerVerb(m.label)), what: m.label, ns: m.tsNs });
  if (node.exit || node.exitEventId) timeline.push({ id: node.exitEventId, icon: '💥', what: `exit: ${barLabel(node)}`, ns: node.endNs, tone: LABEL_CLASS[tone] });

  return (
    <section className="flex min-h-0 flex-[0_1_auto] flex-col border-t-2 border-slate-700 bg-slate-900/95" data-testid="process-details" aria-label="Selected process">
      <header className="flex items-start gap-3 border-b border-slate-800 px-3 py-2">
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2 font-mono text-sm">
            <InertText value={node.placeholder ? 'parent not seen' : node.binary} max={120} className="font-semibold text-slate-100" />
            {node.args && <InertText value={node.args} max={300} className="text-slate-300" />}
            {node.argsTruncated && (
              <span className="shrink-0 font-sans text-[11px] text-amber-300" title="The tree carries the first 1,024 characters; the exec event holds them all">
                arguments cut (open the exec event)
              </span>
            )}
          </div>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-[11px] text-slate-400">
            <span>pid {node.pid || '?'}</span>
            {node.uid !== null && <span>uid {node.uid}</span>}
            {node.cwd && (
              <span>
                cwd <InertText value={node.cwd} max={80} />
              </span>
            )}
            <span title={node.startTime || undefined}>
              started {node.startKnown ? `${clockTime(node.startNs)} UTC (${formatOffset(node.startNs - rangeStartNs)})` : 'unknown'}
            </span>
            {node.endNs !== null && <span>ran {formatDuration(node.endNs - node.startNs)}</span>}
            <span className={LABEL_CLASS[tone]}>{node.placeholder ? 'never described by an event' : barLabel(node)}</span>
            {node.isHost && <span className="text-slate-500">host process (no pod)</span>}
            <span className="font-mono text-slate-500" title="exec_id">
              exec_id <InertText value={node.execId} max={64} />
            </span>
          </div>
        </div>
        <div className="flex shrink-0 gap-1 text-xs">
          {node.execEventId && (
            <Link href={eventHref(node.execEventId)} className="rounded bg-sky-800 px-2 py-0.5 text-white hover:bg-sky-700" data-testid="open-exec-event">
              Open exec event
            </Link>
          )}
          <Link
            href={`/processes?q=${encodeURIComponent(`exec-id=${node.execId}`)}`}
            className="rounded border border-slate-700 px-2 py-0.5 text-slate-300 hover:bg-slate-800"
            title="Every stored event of this process in the table"
          >
            All events
          </Link>
          <button type="button" className="rounded border border-slate-700 px-2 py-0.5 text-slate-300 hover:bg-slate-800" onClick={() => onZoomTo(node.execId)} title="Zoom the timeline to this process (f)">
            Zoom to
          </button>
          <button type="button" className="rounded px-2 py-0.5 text-slate-400 hover:bg-slate-800 hover:text-white" onClick={onClose} aria-label="Close the details">
            ✕
          </button>
        </div>
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-1 gap-3 overflow-auto p-3 text-xs md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div>
          <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Ancestry</h3>
          <ol className="space-y-0.5 font-mono" data-testid="details-ancestry">
            {chain.map((n, i) => (
              <li key={n.execId} style={{ paddingLeft: i * 12 }} className="flex items-center gap-1">
                <span className="text-slate-600">{i ? '└' : '•'}</span>
                <button
                  type="button"
                  onClick={() => onSelect(n.execId)}
                  className={`truncate text-left hover:underline ${n.execId === node.execId ? 'font-semibold text-sky-300' : n.isHost || n.placeholder ? 'text-slate-500' : 'text-slate-200'}`}
                >
                  <InertText value={n.placeholder ? 'parent not seen' : n.binary} max={60} />
                  {n.args && <InertText value={` ${n.args}`} max={50} className="text-slate-500" />}
                </button>
              </li>
            ))}
          </ol>
          {node.children.length > 0 && <p className="mt-2 text-slate-500">{node.children.length} child process{node.children.length === 1 ? '' : 'es'}, {node.descendants} below in all</p>}
        </div>
        <div>
          <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Events of this process</h3>
          <ul className="space-y-0.5 font-mono" data-testid="details-events">
            {timeline.map((t, i) => (
              <li key={t.id ?? `${t.what}-${i}`} className="flex items-baseline gap-2">
                <span className="w-24 shrink-0 text-slate-500">{t.ns !== null ? formatOffset(t.ns - rangeStartNs) : ''}</span>
                <CompactIcon icon={t.icon} className="self-center" />
                {t.id ? (
                  <Link href={eventHref(t.id)} className={`min-w-0 truncate hover:underline ${t.tone ?? 'text-sky-200'}`} prefetch={false}>
                    <InertText value={t.what} max={120} />
                  </Link>
                ) : (
                  <InertText value={t.what} max={120} className={`min-w-0 truncate ${t.tone ?? 'text-slate-400'}`} />
                )}
              </li>
            ))}
          </ul>
          {node.hiddenEvents > 0 && <p className="mt-1 text-amber-300">+{node.hiddenEvents.toLocaleString()} more events not drawn (see All events)</p>}
        </div>
      </div>
    </section>
  );
}
