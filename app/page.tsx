import { LiveOverview } from '@/components/overview/live-overview';
import { eventItem, flowItem } from '@/lib/server/api/items';
import { healthReport } from '@/lib/server/api/health-report';
import { ensureHub } from '@/lib/server/hub';

export const dynamic = 'force-dynamic';

/** Overview: agents, what is stored, and the latest events, live. */
export default async function OverviewPage() {
  const hub = await ensureHub();
  const [health, events, flows] = await Promise.all([
    healthReport(hub),
    hub.store.listEvents({ q: null, sinceUs: null, untilUs: null, limit: 30, cursor: null }),
    hub.store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 30, cursor: null }),
  ]);
  const strip = <T extends { event: unknown }>({ event: _e, ...rest }: T) => rest;
  return (
    <LiveOverview
      health={JSON.parse(JSON.stringify(health))}
      initialEvents={events.rows.map(eventItem).map(strip)}
      initialFlows={flows.rows.map(flowItem).map(strip)}
    />
  );
}
