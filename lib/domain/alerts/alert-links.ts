import type { AlertSummary } from './alert-types';
import { microsToIso } from '@/lib/domain/time';
import { eventHref, podTimelineHref } from '@/lib/domain/process-context/process-link';

/**
 * Where an alert's evidence lives in the UI: the alert itself, its process on the pod's
 * timeline, the evidence event, and the pod's flows around that time. Shared by webhooks (absolute,
 * from HOLOCRON_PUBLIC_URL) and pages (relative).
 */
export interface AlertLinks {
  alert: string;
  event: string;
  timeline: string | null;
  flows: string | null;
}

const FLOWS_MARGIN_US = 2 * 60 * 1_000_000;

export function alertLinks(a: Pick<AlertSummary, 'id' | 'eventId' | 'execId' | 'namespace' | 'pod' | 'firstSeenUs' | 'lastSeenUs'>, base = ''): AlertLinks {
  const enc = encodeURIComponent;
  const inPod = a.namespace !== '' && a.pod !== '';
  const flowsQuery = new URLSearchParams({
    q: `pod=${a.namespace}/${a.pod}`,
    since: microsToIso(a.firstSeenUs - FLOWS_MARGIN_US),
    until: microsToIso(a.lastSeenUs + FLOWS_MARGIN_US),
  });
  return {
    alert: `${base}/alerts/${enc(a.id)}`,
    event: base + eventHref(a.eventId),
    timeline: inPod ? base + podTimelineHref({ namespace: a.namespace, name: a.pod }, a.execId || undefined) : null,
    flows: inPod ? `${base}/flows?${flowsQuery}` : null,
  };
}
