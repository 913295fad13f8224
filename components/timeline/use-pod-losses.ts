'use client';

import { useEffect, useState } from 'react';
import { eventBody } from '@/lib/domain/event-summary';
import { lossOfEvent } from '@/lib/domain/loss-line';
import type { EventItem } from '@/lib/contract/events';
import { cgroupOfPod, throttleBands, type LossMark, type ThrottleBand, type ThrottleMark } from '@/lib/domain/timeline/pod-losses';
import { apiFetch } from '@/components/api/api-fetch';

/**
 * The incompleteness of a pod's timeline, loaded beside its tree: the throttles of the pod's
 * cgroups (process_throttle names a cgroup: matched by pod UID or container id, or by pod when
 * the server knows it), paired into bands, and the rate_limit_info lines of the node it runs on, over the
 * same window. A failure here never hides the processes: it is reported as a note instead.
 */
const LIMIT = 500;

export interface PodLosses {
  bands: ThrottleBand[];
  losses: LossMark[];
  node: string;
  error: string | null;
}

const EMPTY: PodLosses = { bands: [], losses: [], node: '', error: null };

async function list(q: string, since: string, until: string, signal: AbortSignal, limit = LIMIT): Promise<EventItem[]> {
  const res = await apiFetch('GET /api/events', { query: { q, since, until, limit: String(limit) }, signal });
  if (!res.ok) throw new Error(res.error.message);
  return res.data.items;
}

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** `sinceMs`/`untilMs`: the window the tree was loaded for (its observed range when none was asked). */
export function usePodLosses(namespace: string, pod: string, sinceMs: number | null, untilMs: number | null): PodLosses {
  const [state, setState] = useState<PodLosses>(EMPTY);
  useEffect(() => {
    if (sinceMs === null || untilMs === null) return;
    const abort = new AbortController();
    // A little either side: a throttle that began just before the first exec still matters.
    const since = new Date(Math.floor(sinceMs) - 60_000).toISOString();
    const until = new Date(Math.ceil(untilMs) + 60_000).toISOString();
    const podTerm = `pod=${quote(`${namespace}/${pod}`)}`;
    (async () => {
      // The pod's own events tell its node and its containers (a throttle names only a cgroup).
      const own = await list(podTerm, since, until, abort.signal, 100);
      const node = own[0]?.node ?? '';
      const pods = own.map((i) => (i.event ? eventBody(i.event).process?.pod : undefined));
      const distinct = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
      const podOf = { containerIds: distinct(pods.map((p) => p?.container?.id)), podUids: distinct(pods.map((p) => p?.uid)) };
      const nodeTerm = node ? `node=${quote(node)}` : '';
      const [byPod, onNode, limits] = await Promise.all([
        list(`event-type=throttle ${podTerm}`, since, until, abort.signal),
        node ? list(`event-type=throttle ${nodeTerm}`, since, until, abort.signal) : Promise.resolve([]),
        node ? list(`event-type=rate_limit_info ${nodeTerm}`, since, until, abort.signal) : Promise.resolve([]),
      ]);
      const throttles = new Map(byPod.map((t) => [t.id, t]));
      for (const t of onNode) if (cgroupOfPod(t.event?.process_throttle?.cgroup ?? '', podOf)) throttles.set(t.id, t);
      const marks: ThrottleMark[] = [...throttles.values()].map((t) => ({ ns: t.ts * 1000, type: String(t.event?.process_throttle?.type ?? t.functionName ?? ''), id: t.id }));
      const losses: LossMark[] = [];
      for (const l of limits) {
        const loss = lossOfEvent(l.event);
        if (loss) losses.push({ ns: l.ts * 1000, count: loss.count, text: loss.text, id: l.id });
      }
      return { bands: throttleBands(marks, sinceMs * 1e6), losses, node, error: null };
    })()
      // Nothing found (the usual case): keep the same empty state, so the timeline does not redraw.
      .then((s) => !abort.signal.aborted && setState(s.bands.length || s.losses.length ? s : EMPTY))
      .catch((e: Error) => !abort.signal.aborted && setState({ ...EMPTY, error: e.message }));
    return () => abort.abort();
  }, [namespace, pod, sinceMs, untilMs]);
  return state;
}
