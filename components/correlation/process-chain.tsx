import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { TimelineIcon } from '@/components/timeline/timeline-icon';
import { eventHref, podTimelineHref, type ProcessLink } from '@/lib/domain/process-context/process-link';

/**
 * A process chain drawn root first — containerd-shim → sh → curl — each process a link to its
 * exec event when one is stored, with its pod (a link to the pod's timeline) or a host badge.
 * `chain` is [self, parent, …, root] as the APIs answer it.
 */
export function ProcessChain({ chain, currentExecId, testId }: { chain: readonly ProcessLink[]; currentExecId?: string; testId?: string }) {
  const rootFirst = [...chain].reverse();
  if (rootFirst.length === 0) return <p className="text-xs text-slate-500">No ancestry: this event names no process.</p>;
  return (
    <ol className="space-y-1 font-mono text-xs" data-testid={testId}>
      {rootFirst.map((p, i) => {
        const current = p.execId === currentExecId;
        const name = p.placeholder ? 'parent not seen' : p.binary || '?';
        return (
          <li key={p.execId} className="flex items-baseline gap-2" style={{ paddingLeft: i * 16 }} data-testid="chain-item" data-binary={p.binary}>
            <span className="text-slate-600">{i === 0 ? '●' : '└─'}</span>
            <span className={`min-w-0 ${p.isHost || p.placeholder ? 'opacity-70' : ''}`}>
              {p.execEventId && !current ? (
                <Link href={eventHref(p.execEventId)} className="font-semibold text-sky-300 hover:underline">
                  <InertText value={name} max={100} />
                </Link>
              ) : (
                <InertText value={name} max={100} className={current ? 'font-semibold text-amber-200' : 'font-semibold text-slate-300'} />
              )}
              {p.args && <InertText value={` ${p.args}`} max={160} className="text-slate-400" />}
            </span>
            <span className="shrink-0 text-[10px] text-slate-500">pid {p.pid || '?'}</span>
            {p.isHost && <span className="shrink-0 rounded bg-slate-800 px-1 text-[9px] uppercase text-slate-400">host</span>}
            {p.pod && (
              <Link href={podTimelineHref(p.pod, p.execId)} className="shrink-0 text-[10px] text-slate-500 hover:text-sky-300 hover:underline" title="Open in the pod's timeline">
                <InertText value={`${p.pod.namespace}/${p.pod.name}`} max={60} /> <TimelineIcon />
              </Link>
            )}
            {p.exit?.signal && <span className={`shrink-0 text-[10px] ${p.exit.signal === 'SIGKILL' ? 'font-semibold text-red-400' : 'text-orange-300'}`}>{p.exit.signal}</span>}
            {current && <span className="shrink-0 rounded bg-amber-900/60 px-1 text-[9px] uppercase text-amber-200">this</span>}
          </li>
        );
      })}
    </ol>
  );
}
