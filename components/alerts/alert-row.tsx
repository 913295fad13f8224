import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { alertLinks } from '@/lib/domain/alerts/alert-links';
import type { AlertSummary } from '@/lib/domain/alerts/alert-types';
import { microsToIso } from '@/lib/domain/time';
import { shortTime, spanText } from './alert-time';
import { PriorityBadge } from './priority-badge';
import { isReceivedFalcoAlert } from '@/lib/domain/alerts/alert-types';

/** One alert in the list: the row opens it; the evidence is one click away on the right. */
export function AlertRow({ alert, fresh }: { alert: AlertSummary; fresh: boolean }) {
  const links = alertLinks(alert);
  const where = alert.pod ? `${alert.namespace}/${alert.pod}` : `host`;
  return (
    <li
      className={`group flex items-stretch border-t border-slate-800 first:border-t-0 ${fresh ? 'bg-sky-950/40' : ''}`}
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-rule={alert.rule}
    >
      <Link
        href={links.alert}
        className="flex min-w-0 flex-1 flex-col gap-0.5 px-3 py-2 hover:bg-slate-800/60 focus:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500"
        data-testid="alert-link"
      >
        <span className="flex min-w-0 items-center gap-3 text-sm">
          <PriorityBadge priority={alert.priority} />
          <span className="shrink-0 font-mono text-xs text-slate-400" title={`${alert.time} (first seen)`}>
            {shortTime(alert.firstSeenUs)}
          </span>
          <span className="min-w-0 truncate font-medium text-slate-100" data-testid="alert-rule">
            <InertText value={alert.rule} max={120} />
          </span>
          {isReceivedFalcoAlert(alert.id) && (
            <span className="shrink-0 rounded border border-sky-700 px-1 text-[10px] uppercase tracking-wide text-sky-300" title="Received from Falco (http_output / Falcosidekick)" data-testid="falco-origin">
              Falco
            </span>
          )}
          <span className="min-w-0 truncate text-slate-300">
            <InertText value={where} max={80} />
          </span>
          <span className="shrink-0 text-xs text-slate-500">
            <InertText value={alert.node} max={40} />
          </span>
          {alert.count > 1 && (
            <span
              className="ml-auto shrink-0 rounded bg-slate-700 px-1.5 text-xs tabular-nums text-slate-100"
              title={`Seen ${alert.count} times between ${microsToIso(alert.firstSeenUs)} and ${microsToIso(alert.lastSeenUs)}`}
              data-testid="alert-count"
            >
              ×{alert.count} · last {shortTime(alert.lastSeenUs).slice(6, 14)} ({spanText(alert.firstSeenUs, alert.lastSeenUs)})
            </span>
          )}
        </span>
        <span className="truncate pl-[92px] font-mono text-xs text-slate-400">
          <InertText value={alert.message} max={240} />
        </span>
      </Link>
      <span className="flex shrink-0 flex-col justify-center gap-0.5 border-l border-slate-800 px-2 text-xs">
        {links.timeline && (
          <Link href={links.timeline} className="text-sky-300 hover:underline" title="The process on its pod's timeline" data-testid="alert-timeline-link">
            timeline →
          </Link>
        )}
        <Link href={links.event} className="text-sky-300 hover:underline" title="The event the rule fired on">
          event →
        </Link>
      </span>
    </li>
  );
}
