'use client';

import { memo } from 'react';
import type { Box } from '@/lib/domain/service-map/box';
import { CARD, endpointRowLabel } from '@/lib/domain/service-map/card-size';
import { needsAttention } from '@/lib/domain/service-map/endpoint-rank';
import type { MapNode } from '@/lib/domain/service-map/service-map';
import { charsFitting, fitText, plural, shortCount } from './svg-text';
import type { Lod } from './use-map-zoom';

/**
 * One node card in SVG: name, namespace · kind · pods, then the L7 endpoints it serves (those
 * that saw drops or 5xx first, up to CARD.maxRows, then "+N more"). Sizes follow card-size.ts,
 * which the layout used to reserve its cell. Memoised: hovering elsewhere does not redraw it.
 */
const KIND_STYLE: Record<string, { fill: string; stroke: string; subtitle: string }> = {
  workload: { fill: '#172033', stroke: '#475569', subtitle: '' },
  world: { fill: '#1e1b4b', stroke: '#6366f1', subtitle: 'outside the cluster' },
  host: { fill: '#1c1917', stroke: '#a8a29e', subtitle: 'a node, host network' },
  'remote-node': { fill: '#1c1917', stroke: '#a8a29e', subtitle: 'another node' },
  'kube-apiserver': { fill: '#172554', stroke: '#60a5fa', subtitle: 'Kubernetes API server' },
};
const OTHER_STYLE = { fill: '#1c1917', stroke: '#a8a29e', subtitle: 'reserved identity' };

const NAME_CHAR = 7.6; // 13px semibold
const SUB_CHAR = 6.3; // 11px

function subtitle(node: MapNode): string {
  if (node.kind !== 'workload') return (KIND_STYLE[node.kind] ?? OTHER_STYLE).subtitle;
  // The island already names the namespace.
  return [node.workloadKind || 'workload', node.pods.length ? plural(node.pods.length, 'pod') : ''].filter(Boolean).join(' · ');
}

export interface NodeCardProps {
  node: MapNode;
  box: Box;
  lod: Lod;
  selected: boolean;
  dimmed: boolean;
}

export const NodeCard = memo(function NodeCard({ node, box, lod, selected, dimmed }: NodeCardProps) {
  const style = KIND_STYLE[node.kind] ?? OTHER_STYLE;
  const inner = box.width - CARD.paddingX;
  const shown = lod === 'overview' ? [] : node.endpoints.slice(0, CARD.maxRows);
  const hidden = node.endpoints.length - Math.min(node.endpoints.length, CARD.maxRows) + node.endpointsTruncated;
  const attention = node.endpoints.some(needsAttention);
  return (
    <g
      transform={`translate(${box.x},${box.y})`}
      data-testid="map-node"
      data-node-id={node.id}
      data-kind={node.kind}
      opacity={dimmed ? 0.35 : 1}
      className="cursor-pointer"
    >
      <title>{fitText(`${node.id} — ${plural(node.flowCount, 'flow')}`, 500)}</title>
      <rect
        width={box.width}
        height={box.height}
        rx={8}
        fill={style.fill}
        stroke={selected ? '#38bdf8' : style.stroke}
        strokeWidth={selected ? 3 : 1.2}
      />
      {attention && <rect width={4} height={box.height} rx={2} fill="#f87171" />}
      <text x={12} y={22} fontSize={13} fontWeight={600} fill="#f1f5f9">
        {fitText(node.name, charsFitting(inner, NAME_CHAR))}
      </text>
      <text x={12} y={40} fontSize={11} fill="#94a3b8">
        {fitText(subtitle(node), charsFitting(inner, SUB_CHAR))}
      </text>
      {shown.map((e, i) => {
        const count = shortCount(e.requests);
        const room = charsFitting(inner - (count.length + 1) * CARD.charWidth, CARD.charWidth);
        const y = CARD.headerHeight + i * CARD.rowHeight + 12;
        return (
          <g key={`${e.protocol} ${e.method} ${e.path}`} data-testid="node-endpoint" className="font-mono">
            <text x={12} y={y} fontSize={12} fill={needsAttention(e) ? '#fca5a5' : '#cbd5e1'}>
              {fitText(endpointRowLabel(e), room)}
            </text>
            <text x={box.width - 12} y={y} fontSize={11} fill="#64748b" textAnchor="end">
              {count}
            </text>
          </g>
        );
      })}
      {lod !== 'overview' && hidden > 0 && (
        <text x={12} y={CARD.headerHeight + shown.length * CARD.rowHeight + 12} fontSize={11} fill="#64748b">
          +{hidden.toLocaleString('en-US')} more
        </text>
      )}
    </g>
  );
});
