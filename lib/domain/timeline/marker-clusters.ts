/**
 * The ticks on one process bar, grouped: markers closer than `minGap` (a fraction of the row's
 * width, i.e. a few pixels) merge into one, so a process with 5,000 reads draws a handful of DOM
 * nodes and its tooltip says how many. Markers outside the window are left out.
 */
import type { ProcessMarker } from '@/lib/domain/ancestry/process-node';

export interface MarkerCluster {
  x: number; // 0..1 within the window, of the first marker
  markers: ProcessMarker[]; // the first few, for the tooltip
  count: number;
  /** A verb for the colour and icon: the first marker's ("connect", "read" …). */
  verb: string;
}

const KEEP = 8;

export function clusterMarkers(markers: readonly ProcessMarker[], toX: (ns: number) => number, minGap: number): MarkerCluster[] {
  const out: MarkerCluster[] = [];
  let last: MarkerCluster | null = null;
  for (const m of markers) {
    const x = toX(m.tsNs);
    if (x < 0 || x > 1) continue;
    if (last && x - last.x < minGap) {
      last.count++;
      if (last.markers.length < KEEP) last.markers.push(m);
      continue;
    }
    last = { x, markers: [m], count: 1, verb: markerVerb(m.label) };
    out.push(last);
  }
  return out;
}

/** "connect 10.0.0.1:80" → "connect". */
export function markerVerb(label: string): string {
  const sp = label.indexOf(' ');
  return sp < 0 ? label : label.slice(0, sp);
}

/** The tetra-compact icon of a marker verb, so ticks read like `tetra getevents -o compact`. */
const VERB_ICONS: Readonly<Record<string, string>> = {
  connect: '🔌',
  accept: '🔌',
  close: '🧹',
  unlink: '🧹',
  sendmsg: '📤',
  read: '📚',
  write: '📝',
  truncate: '📝',
  open: '📬',
  mmap: '📬',
  setuid: '🔑',
  setgid: '🔑',
  lsm: '🔒',
  uprobe: '⚙️',
  usdt: '⚙️',
  load: '📦',
};

export function markerIcon(verb: string): string {
  return VERB_ICONS[verb] ?? '❓';
}
