'use client';

import Link from 'next/link';
import { memo } from 'react';
import { InertText } from '@/components/inert-text';
import { barLabel, type ProcessNode, type ProcessRow, type ViewedBounds } from '@/lib/domain/ancestry';
import { eventHref } from '@/lib/domain/process-context/process-link';
import { barTone } from '@/lib/domain/timeline/bar-tone';
import { splitBinaryPath } from '@/lib/domain/timeline/binary-path';
import { formatDuration } from '@/lib/domain/timeline/format-duration';
import { barLabelPlace } from '@/lib/domain/timeline/bar-label-place';
import type { MarkerCluster } from '@/lib/domain/timeline/marker-clusters';
import { BAR_CLASS, LABEL_CLASS, MARKER_CLASS, MARKER_DEFAULT } from './tone-styles';

/**
 * One process on the timeline: on the left its place in the tree (indent guides, fold toggle,
 * binary and arguments), on the right a bar from exec to exit placed by percentage (jaeger-ui's
 * way: the parent computes bounds, the row only draws), the exit label, and the process's other
 * events as ticks. Host parents and placeholders are dimmed.
 */
export const ROW_HEIGHT = 26;
export const TREE_WIDTH = 400;
const INDENT = 14;

export interface TimelineRowProps {
  row: ProcessRow;
  node: ProcessNode;
  bounds: ViewedBounds;
  clusters: readonly MarkerCluster[];
  start: number;
  index: number;
  selected: boolean;
  onSelect(execId: string): void;
  onToggle(execId: string): void;
  onZoomTo(execId: string): void;
  onMarkerHover(cluster: MarkerCluster | null, x: number, y: number): void;
}

function TimelineRowInner(p: TimelineRowProps) {
  const { row, node, bounds } = p;
  const tone = barTone(node);
  const dim = node.isHost || node.placeholder;
  const label = barLabel(node);
  const path = splitBinaryPath(node.binary);
  const duration = node.endNs !== null ? formatDuration(node.endNs - node.startNs) : '';
  const text = node.placeholder ? '' : node.isHost && !node.exit ? 'host' : [label, duration].filter(Boolean).join(' · ');
  const width = Math.max(0, bounds.end - bounds.start);
  // Wholly outside the zoom window: say which way it lies instead of drawing a sliver at the edge.
  const after = bounds.start >= 1 && !bounds.clippedStart;
  const before = bounds.end <= 0 && bounds.clippedStart;
  const place = barLabelPlace(bounds, p.clusters);

  return (
    <div
      role="row"
      aria-rowindex={p.index + 1}
      aria-selected={p.selected}
      aria-level={row.depth + 1}
      aria-expanded={row.hasChildren ? !row.isCollapsed : undefined}
      data-testid="timeline-row"
      data-exec-id={node.execId}
      data-binary={node.binary}
      data-tone={tone}
      data-depth={row.depth}
      className={`group absolute left-0 flex w-full cursor-pointer border-b border-slate-900/80 ${
        p.selected ? 'bg-sky-950/80 outline outline-1 -outline-offset-1 outline-sky-500' : p.index % 2 ? 'bg-slate-900/30 hover:bg-slate-800/50' : 'hover:bg-slate-800/50'
      }`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${p.start}px)` }}
      onClick={() => p.onSelect(node.execId)}
      onDoubleClick={() => p.onZoomTo(node.execId)}
    >
      <div
        role="gridcell"
        className={`sticky left-0 z-10 flex shrink-0 items-center gap-1 border-r border-slate-800 pr-2 font-mono text-xs ${p.selected ? 'bg-sky-950' : 'bg-slate-950 group-hover:bg-slate-900'}`}
        style={{
          width: TREE_WIDTH,
          paddingLeft: 6 + row.depth * INDENT,
          backgroundImage: row.depth
            ? `repeating-linear-gradient(to right, transparent 0 ${INDENT - 1}px, rgb(51 65 85 / 0.7) ${INDENT - 1}px ${INDENT}px)`
            : undefined,
          backgroundSize: `${row.depth * INDENT}px 100%`,
          backgroundPosition: '6px 0',
          backgroundRepeat: 'no-repeat',
        }}
      >
        {row.hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            aria-label={row.isCollapsed ? `expand ${row.hiddenDescendants} hidden processes` : 'collapse'}
            className="flex h-4 min-w-4 shrink-0 items-center justify-center rounded bg-slate-800 px-0.5 text-[10px] text-slate-300 hover:bg-slate-600 hover:text-white"
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(node.execId);
            }}
          >
            {row.isCollapsed ? `▸ ${row.hiddenDescendants}` : '▾'}
          </button>
        ) : (
          <span className="w-4 shrink-0" />
        )}
        {node.placeholder ? (
          <span className="truncate italic text-slate-500" title={node.label}>
            parent not seen <span className="text-slate-600">(pid {node.pid || '?'})</span>
          </span>
        ) : (
          <span className={`flex min-w-0 items-baseline gap-1.5 ${dim ? 'opacity-60' : ''}`} title={`${node.binary} ${node.args}`.trim()}>
            <span className={`flex items-baseline ${node.binary.length <= 48 ? 'shrink-0' : 'min-w-0 shrink overflow-hidden'}`} data-testid="row-binary" data-path={node.binary}>
              {/* A short directory stays whole (the arguments give way first); a long one is cut. */}
              {path.dir && <InertText value={path.dir} max={60} className={`${path.dir.length <= 24 ? 'shrink-0' : 'min-w-0 truncate'} text-slate-500`} />}
              <InertText value={path.base || '?'} max={40} className={`shrink-0 font-semibold ${tone === 'sigkill' ? 'text-red-300' : dim ? 'text-slate-300' : 'text-slate-100'}`} />
            </span>
            {node.args && <InertText value={node.args} max={80} className="min-w-0 truncate text-slate-400" />}
            {node.isHost && <span className="shrink-0 rounded bg-slate-800 px-1 text-[9px] uppercase tracking-wide text-slate-400">host</span>}
          </span>
        )}
      </div>
      <div role="gridcell" className="relative min-w-0 flex-1">
        {(after || before) && !node.placeholder && (
          <span
            className={`pointer-events-none absolute top-1/2 -translate-y-1/2 whitespace-nowrap font-mono text-[10px] text-slate-500 ${after ? 'right-1' : 'left-1'}`}
            data-testid="bar-label"
          >
            {after ? `${text} · later ▸` : `◂ earlier · ${text}`}
          </span>
        )}
        {!node.placeholder && !after && !before && (
          <div
            className={`absolute top-1/2 h-3 -translate-y-1/2 ${BAR_CLASS[tone]} ${bounds.clippedStart ? 'rounded-r-sm' : bounds.clippedEnd ? 'rounded-l-sm' : 'rounded-sm'} ${dim ? 'opacity-70' : ''}`}
            style={{ left: `${bounds.start * 100}%`, width: `max(2px, ${width * 100}%)` }}
            data-testid="process-bar"
          >
            {bounds.clippedStart && <span className="absolute -left-0.5 top-1/2 -translate-y-1/2 text-[9px] leading-none text-white/80">◂</span>}
            {bounds.clippedEnd && !node.exit && <span className="absolute -right-0.5 top-1/2 -translate-y-1/2 text-[9px] leading-none text-white/80">▸</span>}
          </div>
        )}
        {text && !after && !before && (
          <span
            className={`pointer-events-none absolute top-1/2 -translate-y-1/2 whitespace-nowrap font-mono text-[10px] ${LABEL_CLASS[tone]}`}
            style={
              place.side === 'right'
                ? { left: `calc(${bounds.end * 100}% + ${place.gapPx}px)` }
                : place.side === 'left'
                  ? { right: `calc(${(1 - bounds.start) * 100}% + ${place.gapPx}px)` }
                  : { left: `calc(${bounds.start * 100}% + ${place.gapPx}px)` }
            }
            data-testid="bar-label"
          >
            {place.side !== 'inside' ? text : <span className="rounded bg-slate-950/80 px-1">{text}</span>}
          </span>
        )}
        {p.clusters.map((c) => {
          const single = c.count === 1 ? c.markers[0] : undefined;
          const cls = `absolute top-1/2 z-[5] block h-2.5 w-2.5 -translate-x-1/2 -translate-y-1/2 rotate-45 rounded-[2px] ring-1 ${MARKER_CLASS[c.verb] ?? MARKER_DEFAULT} hover:scale-150`;
          const hover = {
            onMouseEnter: (e: React.MouseEvent) => p.onMarkerHover(c, e.clientX, e.clientY),
            onMouseLeave: () => p.onMarkerHover(null, 0, 0),
          };
          return single ? (
            <Link
              key={single.id}
              href={eventHref(single.id)}
              prefetch={false}
              className={cls}
              style={{ left: `${c.x * 100}%` }}
              aria-label={single.label}
              data-testid="process-marker"
              data-label={single.label}
              onClick={(e) => e.stopPropagation()}
              {...hover}
            />
          ) : (
            <span key={c.markers[0]!.id} className={cls} style={{ left: `${c.x * 100}%` }} data-testid="process-marker" data-label={c.markers[0]!.label} {...hover}>
              <span className="absolute -right-2 -top-2 -rotate-45 rounded bg-slate-200 px-0.5 text-[8px] font-bold leading-3 text-slate-900">{c.count}</span>
            </span>
          );
        })}
      </div>
    </div>
  );
}

export const TimelineRow = memo(TimelineRowInner);
