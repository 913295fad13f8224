'use client';

import { InertText } from '@/components/inert-text';
import { formatOffset } from '@/lib/domain/timeline/format-duration';
import { markerIcon, markerVerb, type MarkerCluster } from '@/lib/domain/timeline/marker-clusters';
import { CompactIcon } from '@/components/events/compact-icon';

/** What a tick on a bar stands for: its events (up to a few) with their times; hostile paths stay inert. */
export function MarkerTooltip({ cluster, x, y, rangeStartNs }: { cluster: MarkerCluster; x: number; y: number; rangeStartNs: number }) {
  const left = Math.min(x + 12, (typeof window === 'undefined' ? 1200 : window.innerWidth) - 380);
  return (
    <div
      role="tooltip"
      className="pointer-events-none fixed z-50 max-w-sm rounded border border-slate-600 bg-slate-900/95 px-2 py-1.5 font-mono text-[11px] text-slate-200 shadow-xl"
      style={{ left, top: y + 14 }}
      data-testid="marker-tooltip"
    >
      <ul className="space-y-0.5">
        {cluster.markers.map((m) => (
          <li key={m.id} className="flex gap-2">
            <span className="text-slate-500">{formatOffset(m.tsNs - rangeStartNs)}</span>
            <CompactIcon icon={markerIcon(markerVerb(m.label))} className="self-center" />
            <InertText value={m.label} max={90} className="min-w-0 break-all" />
          </li>
        ))}
      </ul>
      {cluster.count > cluster.markers.length && <p className="mt-1 text-slate-400">+{(cluster.count - cluster.markers.length).toLocaleString()} more here — zoom in to separate them</p>}
      {cluster.count === 1 && <p className="mt-1 font-sans text-slate-500">click to open the event</p>}
    </div>
  );
}
