import { InertText } from '@/components/inert-text';
import { FlowLines } from '@/components/correlation/flow-lines';
import type { EventContext } from '@/lib/contract/events';
import { Card } from './field-list';
import { appUrl } from '@/components/url-state/app-url';

/**
 * Where this process's sockets went: for a socket event the destination pod (resolved through
 * the IP→pod map that stored flows teach) and the flows of that very connection; for any process
 * all its flows (GET /api/events/<id>/flows answers the same).
 */
export function EventCorrelation({ ctx }: { ctx: Pick<EventContext, 'item' | 'flows' | 'connectionFlows'> }) {
  const { item, flows } = ctx;
  const own = flows.destinations.find((d) => d.eventId === item.id);
  const hasSockets = flows.destinations.length > 0;
  if (!item.sock && !hasSockets) {
    return (
      <Card title="Network" testId="event-network">
        <p className="text-xs text-slate-400">This process has no socket events (tcp_connect, tcp_sendmsg…), so no flow can be tied to it.</p>
      </Card>
    );
  }
  return (
    <Card title="Network" testId="event-network">
      {own && (
        <div className="mb-3 space-y-1 text-xs" data-testid="socket-destination">
          <p>
            <span className="text-slate-500">destination: </span>
            <span className="font-mono text-slate-200">
              {own.daddr}:{own.dport}
            </span>
            {own.destination ? (
              <>
                <span className="text-slate-500"> → destination pod: </span>
                <a
                  className="font-mono font-semibold text-sky-300 hover:underline"
                  href={appUrl(`/pods/${encodeURIComponent(own.destination.namespace)}/${encodeURIComponent(own.destination.pod)}`)}
                  data-testid="destination-pod"
                >
                  <InertText value={`${own.destination.namespace}/${own.destination.pod}`} />
                </a>
                <span className="text-slate-500">
                  {own.destination.via === 'flow' ? ` (at ${own.destination.ip}:${own.destination.port}, found through the flow of this connection)` : ' (a pod address seen in flows)'}
                  {own.destination.service ? ` · service ${own.destination.service}` : ''}
                </span>
              </>
            ) : (
              <span className="text-slate-500"> — no stored flow shows which pod held this address (outside the cluster, or no Hubble data for it)</span>
            )}
          </p>
        </div>
      )}
      {item.sock && (
        <div className="mb-3">
          <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">This connection → flows</h3>
          <FlowLines flows={ctx.connectionFlows} testId="connection-flows" empty="No stored flow matches this socket (same client address and port, ±5 s)." />
        </div>
      )}
      <h3 className="mb-1 text-[11px] uppercase tracking-wide text-slate-500">
        All flows of this process{flows.items.length ? ` (${flows.items.length}${flows.truncated ? '+' : ''})` : ''}
      </h3>
      <FlowLines flows={flows.items} testId="process-flows" empty={hasSockets ? 'No stored flow matches this process’s sockets.' : 'This process has no socket events, so its flows cannot be told apart.'} />
    </Card>
  );
}
