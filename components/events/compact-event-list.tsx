import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { compactEvent } from '@/lib/domain/compact-line';
import { eventHref } from '@/lib/domain/process-context/process-link';
import type { EventSummary } from '@/lib/domain/records';
import { CompactIcon } from '@/components/events/compact-icon';

/** Events as tetra-compact lines, each a link to /events/<id>; the current one marked. */
export function CompactEventList({ events, currentId, testId, empty }: { events: readonly EventSummary[]; currentId?: string; testId?: string; empty: string }) {
  if (events.length === 0) return <p className="text-xs text-slate-500">{empty}</p>;
  return (
    <ul className="font-mono text-xs" data-testid={testId}>
      {events.map((e) => {
        const c = compactEvent(e);
        const current = e.id === currentId;
        return (
          <li key={e.id} className={`flex items-baseline gap-2 border-t border-slate-800/70 py-0.5 ${current ? 'bg-amber-950/30' : ''}`} data-testid="compact-event">
            <span className="w-24 shrink-0 text-slate-500">{e.time.slice(11, 23)}</span>
            <CompactIcon icon={c.icon} className="self-center" />
            <span className="w-16 shrink-0 text-slate-400">{c.verb}</span>
            {current ? (
              <InertText value={c.text} max={200} className="min-w-0 text-amber-200" />
            ) : (
              <Link href={eventHref(e.id)} className="min-w-0 text-sky-200 hover:underline" prefetch={false}>
                <InertText value={c.text} max={200} />
              </Link>
            )}
            {e.signal === 'SIGKILL' && <span className="shrink-0 font-semibold text-red-400">SIGKILL</span>}
          </li>
        );
      })}
    </ul>
  );
}
