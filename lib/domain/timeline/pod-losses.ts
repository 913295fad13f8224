/**
 * What the pod timeline draws besides processes: the spans in which Tetragon throttled the pod's
 * cgroup (a THROTTLE_START … THROTTLE_STOP pair of process_throttle events: in between, its events
 * were not sent) and the agent's rate_limit_info lines on the pod's node (N events dropped at that
 * moment). Both mean "what you see here is incomplete", so both are drawn across every row.
 */
import type { TimeRange } from '@/lib/domain/ancestry/time-range';

export interface ThrottleMark {
  ns: number;
  type: string; // THROTTLE_START, THROTTLE_STOP, or what a newer agent sends
  id: string;
}

export interface ThrottleBand {
  startNs: number;
  /** null: no STOP was seen — still throttled at the end of what was loaded. */
  endNs: number | null;
  /** The START was not seen (before the window): the band runs from the window's start. */
  openStart: boolean;
  startId: string | null;
  stopId: string | null;
}

export interface LossMark {
  ns: number;
  count: number | null;
  text: string;
  id: string;
}

/** Pairs STARTs with the next STOP in time order; repeated STARTs extend the open band. */
export function throttleBands(marks: readonly ThrottleMark[], windowStartNs: number): ThrottleBand[] {
  const sorted = [...marks].sort((a, b) => a.ns - b.ns);
  const bands: ThrottleBand[] = [];
  let open: ThrottleBand | null = null;
  for (const m of sorted) {
    if (m.type === 'THROTTLE_START') {
      open ??= { startNs: m.ns, endNs: null, openStart: false, startId: m.id, stopId: null };
    } else if (m.type === 'THROTTLE_STOP') {
      if (open) {
        bands.push({ ...open, endNs: m.ns, stopId: m.id });
        open = null;
      } else if (bands.length === 0) {
        // Stopped before anything started in the window: it was throttled from the window's start.
        bands.push({ startNs: Math.min(windowStartNs, m.ns), endNs: m.ns, openStart: true, startId: null, stopId: m.id });
      }
    }
  }
  if (open) bands.push(open);
  return bands;
}

/** The timeline's range widened to take in throttles and losses outside the processes' span. */
export function widenRange(range: TimeRange, bands: readonly ThrottleBand[], losses: readonly LossMark[]): TimeRange {
  let { minNs, maxNs } = range;
  for (const b of bands) {
    if (!b.openStart) minNs = Math.min(minNs, b.startNs);
    maxNs = Math.max(maxNs, b.endNs ?? b.startNs);
  }
  for (const l of losses) {
    minNs = Math.min(minNs, l.ns);
    maxNs = Math.max(maxNs, l.ns);
  }
  return minNs === range.minNs && maxNs === range.maxNs ? range : { minNs, maxNs };
}

/** A band in view coordinates ([0,1] of the viewed window), or null when wholly outside it. */
export function bandInView(b: ThrottleBand, startNs: number, endNs: number): { x0: number; x1: number } | null {
  const span = Math.max(1, endNs - startNs);
  const a = (b.startNs - startNs) / span;
  const z = ((b.endNs ?? endNs) - startNs) / span;
  if (z < 0 || a > 1) return null;
  return { x0: Math.max(0, a), x1: Math.min(1, z) };
}

/** "containerd://61d9…" → "61d9…": the id runtimes name a container's cgroup after. */
export function bareContainerId(id: string): string {
  const i = id.indexOf('://');
  return i >= 0 ? id.slice(i + 3) : id;
}

/**
 * A throttle names a cgroup, not a pod. It is the pod's when the cgroup's name carries the pod's
 * UID (kubelet's `pod<uid>` directory, dashes as underscores under systemd) or one of its
 * containers' ids — whole or as the 12-character prefix some runtimes use — as one of its parts
 * ("cri-containerd-<id>.scope", "docker-<id>.scope", "/kubepods/besteffort/pod<uid>/<id>").
 * Ids and UIDs shorter than 12 characters are not trusted to be unique.
 */
export function cgroupOfPod(cgroup: string, pod: { containerIds: readonly string[]; podUids: readonly string[] }): boolean {
  if (!cgroup) return false;
  for (const uid of pod.podUids) {
    if (uid.length >= 12 && (cgroup.includes(uid) || cgroup.includes(uid.replace(/-/g, '_')))) return true;
  }
  const ids = pod.containerIds.map(bareContainerId).filter((id) => id.length >= 12);
  for (const part of cgroup.split(/[/.:\-_]/)) {
    if (part.length >= 12 && /^[0-9a-f]+$/i.test(part) && ids.some((id) => id.startsWith(part))) return true;
  }
  return false;
}
