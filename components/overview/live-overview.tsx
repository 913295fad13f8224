'use client';

import { useEffect, useState } from 'react';
import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import { useLiveStream } from '@/components/live/use-live-stream';
import { AgentsPanel } from './agents-panel';
import { CountsPanel } from './counts-panel';
import { LatestList } from './latest-list';
import { apiFetch } from '@/components/api/api-fetch';
import type { HealthReport } from '@/lib/contract/health';

/** What the overview shows of /api/health. */
type Health = Pick<HealthReport, 'store' | 'lost' | 'agents' | 'discovery'>;

const KEEP = 30;

export function LiveOverview({ health: initialHealth, initialEvents, initialFlows }: { health: Health; initialEvents: EventSummary[]; initialFlows: FlowSummary[] }) {
  const [health, setHealth] = useState(initialHealth);
  const [events, setEvents] = useState(initialEvents);
  const [flows, setFlows] = useState(initialFlows);
  const { connected, lost } = useLiveStream({ source: 'all' }, (batch) => {
    const newEvents = batch.flatMap((b) => (b.source === 'events' ? [b.item] : [])).reverse();
    const newFlows = batch.flatMap((b) => (b.source === 'flows' ? [b.item] : [])).reverse();
    if (newEvents.length) setEvents((prev) => [...newEvents, ...prev].slice(0, KEEP));
    if (newFlows.length) setFlows((prev) => [...newFlows, ...prev].slice(0, KEEP));
  });

  useEffect(() => {
    const t = setInterval(async () => {
      const res = await apiFetch('GET /api/health', {});
      if (res.ok) setHealth(res.data);
    }, 3000);
    return () => clearInterval(t);
  }, []);

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <AgentsPanel agents={health.agents} discovery={health.discovery ?? []} />
      <CountsPanel store={health.store} lost={health.lost.total + lost} live={connected} />
      <LatestList title="Latest process events" kind="events" items={events} testId="latest-events" />
      <LatestList title="Latest flows" kind="flows" items={flows} testId="latest-flows" />
    </div>
  );
}
