import { InertText } from '@/components/inert-text';
import { compactEvent, compactFlow } from '@/lib/domain/compact-line';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import { CompactIcon } from '@/components/events/compact-icon';

function time(t: string): string {
  return t.slice(11, 23);
}

export function LatestList(
  props:
    | { title: string; kind: 'events'; items: EventSummary[]; testId: string }
    | { title: string; kind: 'flows'; items: FlowSummary[]; testId: string },
) {
  return (
    <section className="rounded border border-slate-800 bg-slate-900/60 p-3" data-testid={props.testId}>
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-400">{props.title}</h2>
      {props.items.length === 0 ? (
        <p className="text-sm text-slate-400">Nothing yet. Events appear here as agents send them.</p>
      ) : (
        <ul className="font-mono text-xs">
          {props.kind === 'events'
            ? props.items.map((e) => {
                const c = compactEvent(e);
                return (
                  <li key={e.id} className="flex gap-2 border-t border-slate-800 py-0.5" data-testid="event-line">
                    <span className="text-slate-500">{time(e.time)}</span>
                    <CompactIcon icon={c.icon} />
                    <span className="w-14 shrink-0 text-slate-400">{c.verb}</span>
                    <InertText value={c.text} max={160} className="min-w-0 break-all" />
                  </li>
                );
              })
            : props.items.map((f) => (
                <li key={f.id} className="flex gap-2 border-t border-slate-800 py-0.5" data-testid="flow-line">
                  <span className="text-slate-500">{time(f.time)}</span>
                  <span className={f.verdict === 'DROPPED' ? 'text-red-400' : 'text-emerald-400'}>{f.verdict === 'DROPPED' ? '✖' : '→'}</span>
                  <InertText value={compactFlow(f)} max={160} className="min-w-0 break-all" />
                </li>
              ))}
        </ul>
      )}
    </section>
  );
}
