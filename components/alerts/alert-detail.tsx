import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { JsonInspector } from '@/components/json-inspector/json-inspector';
import { alertLinks } from '@/lib/domain/alerts/alert-links';
import { compactEvent } from '@/lib/domain/compact-line';
import { microsToIso } from '@/lib/domain/time';
import type { AlertDetail as Detail } from '@/lib/contract/alerts';
import { AlertTags } from './alert-tags';
import { shortTime, spanText } from './alert-time';
import { EvidenceActions } from './evidence-actions';
import { isReceivedFalcoAlert } from '@/lib/domain/alerts/alert-types';
import { PriorityBadge } from './priority-badge';
import { CompactIcon } from '@/components/events/compact-icon';

/**
 * One alert: what fired, where, its rendered output (attacker-controlled text, shown inert),
 * one click to the evidence, every occurrence, and Falco's JSON in the inspector.
 */
/** A Falco alert received over http_output/Falcosidekick: where it came from and what it was linked to. */
function receivedFacts(alert: Detail): [string, string][] {
  if (!isReceivedFalcoAlert(alert.id)) {
    return [['Rule file', alert.ruleInfo ? `${alert.ruleInfo.file}:${alert.ruleInfo.line}` : 'not loaded any more']];
  }
  const meta = alert.event.holocron;
  const via = meta?.origin === 'falcosidekick' ? 'Falcosidekick webhook' : 'Falco http_output';
  return [
    ['Received from', `${via}${meta?.received_at ? ` at ${meta.received_at}` : ''}`],
    ['Tetragon process', meta?.link ? `linked by ${(meta.link.matched_on ?? []).join(', ')}` : 'no matching Tetragon process stored'],
  ];
}

export function AlertDetailView({ alert }: { alert: Detail }) {
  const links = alertLinks(alert);
  const firstEvidence = alert.evidence.find((e) => e.eventId === alert.eventId)?.event ?? null;
  const facts: [string, string, string?][] = [
    ['Pod', alert.pod ? `${alert.namespace}/${alert.pod}` : 'host (no pod)'],
    ['Node', alert.node],
    ['Process exec_id', alert.execId],
    ['First seen', `${alert.time}`],
    ['Last seen', microsToIso(alert.lastSeenUs)],
    ...receivedFacts(alert),
    ['Alert id', alert.id],
  ];
  return (
    <article className="mx-auto max-w-[1400px] space-y-4" data-testid="alert-detail" data-alert-id={alert.id}>
      <Link href="/alerts" className="text-sm text-sky-300 hover:underline">
        ← All alerts
      </Link>
      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <PriorityBadge priority={alert.priority} />
          <h1 className="text-xl font-semibold text-slate-100" data-testid="alert-detail-rule">
            <InertText value={alert.rule} max={200} />
          </h1>
        </div>
        <p className="text-sm text-slate-400" data-testid="alert-seen">
          {alert.count > 1
            ? `Seen ${alert.count} times over ${spanText(alert.firstSeenUs, alert.lastSeenUs)}: first ${shortTime(alert.firstSeenUs)}, last ${shortTime(alert.lastSeenUs)} UTC`
            : `Seen once, ${shortTime(alert.firstSeenUs)} UTC`}
          {' · '}
          <InertText value={alert.pod ? `${alert.namespace}/${alert.pod}` : 'host'} /> on <InertText value={alert.node} />
        </p>
      </header>

      <EvidenceActions links={links} />

      <section className="rounded border border-slate-800 bg-slate-900/60 p-3">
        <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">Output</h2>
        <p className="whitespace-pre-wrap break-words font-mono text-sm text-slate-100" data-testid="alert-output">
          <InertText value={alert.message} max={4000} />
        </p>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="space-y-3 rounded border border-slate-800 bg-slate-900/60 p-3">
          <dl className="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-400">{k}</dt>
                <dd className="break-all font-mono text-slate-200">
                  <InertText value={v} max={300} />
                </dd>
              </div>
            ))}
          </dl>
          {alert.ruleInfo && (
            <p className="text-sm text-slate-300">
              <InertText value={alert.ruleInfo.desc} max={1000} />
            </p>
          )}
          <AlertTags tags={alert.tags} />
        </section>

        <section className="rounded border border-slate-800 bg-slate-900/60 p-3" data-testid="alert-occurrences">
          <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-400">
            Evidence · {alert.count} occurrence{alert.count === 1 ? '' : 's'}
            {alert.evidence.length < alert.count ? ` (first ${alert.evidence.length} listed)` : ''}
          </h2>
          <ol className="space-y-1 font-mono text-xs">
            {alert.evidence.map((e) => {
              const line = e.event ? compactEvent(e.event, e.event.event) : null;
              const l = alertLinks({ ...alert, eventId: e.eventId, execId: e.execId });
              return (
                <li key={e.eventId} className="flex items-center gap-2 border-t border-slate-800 pt-1 first:border-t-0 first:pt-0">
                  <span className="shrink-0 text-slate-500">{shortTime(e.ts)}</span>
                  {line ? (
                    <span className="min-w-0 flex-1 truncate">
                      <CompactIcon icon={line.icon} /> <span className="text-slate-400">{line.verb}</span> <InertText value={line.text} max={160} />
                    </span>
                  ) : (
                    <span className="flex-1 text-slate-500">event no longer stored (retention)</span>
                  )}
                  {l.timeline && (
                    <Link href={l.timeline} className="shrink-0 text-sky-300 hover:underline">
                      timeline
                    </Link>
                  )}
                  <Link href={l.event} className="shrink-0 text-sky-300 hover:underline">
                    event
                  </Link>
                </li>
              );
            })}
          </ol>
        </section>
      </div>

      <section className="space-y-1" data-testid="alert-json">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-400">Falco JSON</h2>
        <JsonInspector value={alert.event} fileName={`alert-${alert.id}.json`} defaultExpandDepth={2} />
      </section>
      {firstEvidence && (
        <section className="space-y-1" data-testid="evidence-json">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-400">Evidence event (Tetragon JSON)</h2>
          <JsonInspector value={firstEvidence.event} fileName={`event-${firstEvidence.id}.json`} defaultExpandDepth={2} />
        </section>
      )}
    </article>
  );
}
