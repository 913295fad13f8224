import Link from 'next/link';
import type { AlertLinks } from '@/lib/domain/alerts/alert-links';

/** One click from the alert to its evidence: the process timeline, the event, the pod's flows. */
export function EvidenceActions({ links }: { links: AlertLinks }) {
  const cls =
    'flex flex-col rounded border border-sky-800 bg-sky-950/40 px-3 py-2 hover:border-sky-500 hover:bg-sky-900/40 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500';
  return (
    <nav aria-label="Evidence" className="grid gap-2 sm:grid-cols-3" data-testid="evidence-actions">
      {links.timeline ? (
        <Link href={links.timeline} className={cls} data-testid="evidence-timeline">
          <span className="font-medium text-sky-200">Process timeline →</span>
          <span className="text-xs text-slate-400">This process, its parents and children in the pod</span>
        </Link>
      ) : (
        <span className="rounded border border-slate-800 px-3 py-2 text-xs text-slate-500">A host process: no pod timeline</span>
      )}
      <Link href={links.event} className={cls} data-testid="evidence-event">
        <span className="font-medium text-sky-200">Evidence event →</span>
        <span className="text-xs text-slate-400">The Tetragon event the rule fired on</span>
      </Link>
      {links.flows ? (
        <Link href={links.flows} className={cls} data-testid="evidence-flows">
          <span className="font-medium text-sky-200">Pod flows around it →</span>
          <span className="text-xs text-slate-400">The pod&apos;s network flows, ±2 minutes</span>
        </Link>
      ) : (
        <span className="rounded border border-slate-800 px-3 py-2 text-xs text-slate-500">No pod: no flows to show</span>
      )}
    </nav>
  );
}
