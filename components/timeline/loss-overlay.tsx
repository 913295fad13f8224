'use client';

import Link from 'next/link';
import { CompactIcon } from '@/components/events/compact-icon';
import { InertText } from '@/components/inert-text';
import { eventHref } from '@/lib/domain/process-context/process-link';
import { clockTime } from '@/lib/domain/timeline/format-duration';
import { bandInView, type LossMark, type ThrottleBand } from '@/lib/domain/timeline/pod-losses';

/**
 * Where the pod's timeline is incomplete: throttle bands (Tetragon sent none of the cgroup's
 * events in between) as hatched amber spans, and the node's rate-limit losses as red gap lines
 * with their count. The strip under the axis names them and links to the events; the overlay
 * carries them down across every row so a bar that looks quiet there is read with caution.
 */
interface Props {
  bands: readonly ThrottleBand[];
  losses: readonly LossMark[];
  startNs: number;
  endNs: number;
}

const HATCH = 'repeating-linear-gradient(135deg, rgb(245 158 11 / 0.16) 0 6px, rgb(245 158 11 / 0.06) 6px 12px)';

function lossX(l: LossMark, startNs: number, endNs: number): number | null {
  const x = (l.ns - startNs) / Math.max(1, endNs - startNs);
  return x < 0 || x > 1 ? null : x;
}

const lossLabel = (l: LossMark) => (l.count === null ? '? lost' : `${l.count.toLocaleString('en-US')} lost`);

export function LossStrip({ bands, losses, startNs, endNs }: Props) {
  return (
    <div className="relative h-5 border-b border-slate-800 bg-slate-950" data-testid="loss-strip">
      {bands.map((b, i) => {
        const v = bandInView(b, startNs, endNs);
        if (!v) return null;
        const title = `Throttled ${b.openStart ? 'from before this window' : `from ${clockTime(b.startNs)}`} ${b.endNs === null ? 'to the end of what was loaded' : `to ${clockTime(b.endNs)}`} UTC: Tetragon sent none of this pod's events in between.`;
        return (
          <Link
            key={i}
            href={b.startId ? eventHref(b.startId) : b.stopId ? eventHref(b.stopId) : '#'}
            prefetch={false}
            className="absolute top-0.5 flex h-4 items-center overflow-hidden rounded-sm border border-amber-500/70 px-1 text-[10px] font-semibold text-amber-200"
            style={{ left: `${v.x0 * 100}%`, width: `max(4px, ${(v.x1 - v.x0) * 100}%)`, backgroundImage: HATCH }}
            title={title}
            data-testid="throttle-band"
            data-start-ns={b.startNs}
          >
            <CompactIcon icon="⏸️" className="mr-0.5" />
            <span className="truncate">throttled{b.endNs === null ? ' (not stopped)' : ''}</span>
          </Link>
        );
      })}
      {losses.map((l) => {
        const x = lossX(l, startNs, endNs);
        if (x === null) return null;
        return (
          <Link
            key={l.id}
            href={eventHref(l.id)}
            prefetch={false}
            className={`absolute top-0.5 z-10 flex h-4 items-center gap-0.5 whitespace-nowrap rounded-sm bg-red-900 px-1 text-[10px] font-semibold text-red-100 ring-1 ring-red-500 ${x > 0.85 ? '-translate-x-full' : ''}`}
            style={{ left: `${x * 100}%` }}
            title={`${clockTime(l.ns)} UTC`}
            data-testid="loss-gap"
            data-count={l.count ?? ''}
          >
            <CompactIcon icon="⚠️" className="text-red-200" />
            <InertText value={lossLabel(l)} max={40} />
            <span className="sr-only">
              <InertText value={l.text} />
            </span>
          </Link>
        );
      })}
    </div>
  );
}

/** The same spans and lines carried down across the rows (no pointer events: the bars stay clickable). */
export function LossOverlay({ bands, losses, startNs, endNs }: Props) {
  return (
    <div className="pointer-events-none absolute inset-0 z-[1]" aria-hidden="true">
      {bands.map((b, i) => {
        const v = bandInView(b, startNs, endNs);
        return v ? (
          <div key={i} className="absolute inset-y-0 border-x border-amber-500/40" style={{ left: `${v.x0 * 100}%`, width: `${(v.x1 - v.x0) * 100}%`, backgroundImage: HATCH }} />
        ) : null;
      })}
      {losses.map((l) => {
        const x = lossX(l, startNs, endNs);
        return x === null ? null : <div key={l.id} className="absolute inset-y-0 border-l-2 border-dashed border-red-500/80" style={{ left: `${x * 100}%` }} />;
      })}
    </div>
  );
}
