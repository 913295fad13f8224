'use client';

import { memo } from 'react';
import { EDGE_LABEL, edgeLabelLines, edgeLabelSize } from '@/lib/domain/service-map/edge-label';
import type { EdgeRoute } from '@/lib/domain/service-map/edge-routes';
import type { MapEdge } from '@/lib/domain/service-map/service-map';
import { EDGE_COLOR, EDGE_DASH, edgeWidth, isSecured } from './edge-style';
import { Padlock } from './padlock';

/**
 * One edge: a curve coloured by verdict (dashed when mixed) with an arrowhead at the server and
 * a wide invisible stroke to hover and click; its label (edge-label.ts: port/protocol, flow
 * count, padlock when encrypted or mutually authenticated, L7 endpoints with drops and server
 * errors first) is drawn in a layer above the cards, where the layout worker placed it. The
 * data-* attributes state the model for tests and tools.
 */
export interface EdgeViewProps {
  edge: MapEdge;
  route: EdgeRoute;
  highlighted: boolean;
  dimmed: boolean;
  faint: boolean;
}

export const EdgeView = memo(function EdgeView({ edge, route, highlighted, dimmed, faint }: EdgeViewProps) {
  const secured = isSecured(edge);
  const opacity = dimmed ? 0.1 : highlighted ? 1 : faint && edge.verdict === 'forwarded' ? 0.35 : 0.75;
  return (
    <g
      data-testid="map-edge"
      data-edge-id={edge.id}
      data-source={edge.source}
      data-destination={edge.destination}
      data-port={edge.port}
      data-protocol={edge.protocol}
      data-verdict={edge.verdict}
      data-encrypted={edge.encrypted}
      data-mutual-auth={edge.mutualAuth}
    >
      <path d={route.d} fill="none" stroke="transparent" strokeWidth={14} pointerEvents="stroke" className="cursor-pointer" />
      <path
        d={route.d}
        fill="none"
        stroke={EDGE_COLOR[edge.verdict]}
        opacity={opacity} // unlike stroke-opacity, also fades the arrowhead
        strokeWidth={edgeWidth(edge.flowCount) + (highlighted ? 1.5 : 0)}
        strokeDasharray={EDGE_DASH[edge.verdict]}
        markerEnd={`url(#map-arrow-${edge.verdict})`}
        pointerEvents="none"
      />
      {secured && !dimmed && <Padlock x={route.label.x - 5} y={route.label.y - 6} partial={edge.encrypted !== 'all' && edge.mutualAuth !== 'all'} />}
    </g>
  );
});

export const EdgeLabel = memo(function EdgeLabel({ edge, route, highlighted, dimmed }: Omit<EdgeViewProps, 'faint'>) {
  const color = EDGE_COLOR[edge.verdict];
  const lines = edgeLabelLines(edge);
  const { width, height } = edgeLabelSize(edge, lines);
  const secured = isSecured(edge);
  const lockRoom = secured ? EDGE_LABEL.lockWidth : 0;
  return (
    <g
      transform={`translate(${route.label.x - width / 2},${route.label.y - height / 2})`}
      data-testid="edge-label"
      data-edge-id={edge.id}
      data-verdict={edge.verdict}
      opacity={dimmed ? 0.15 : 1}
      className="cursor-pointer font-mono"
    >
      <rect width={width} height={height} rx={4} fill="#0b1120" fillOpacity={0.92} stroke={highlighted ? color : '#334155'} strokeWidth={1} />
      {secured && <Padlock x={EDGE_LABEL.padding - 1} y={4} partial={edge.encrypted !== 'all' && edge.mutualAuth !== 'all'} />}
      {lines.map((l, i) => (
        <text
          key={i}
          x={EDGE_LABEL.padding + (i === 0 ? lockRoom : 0)}
          y={14 + i * EDGE_LABEL.lineHeight}
          fontSize={11}
          fill={i === 0 ? '#94a3b8' : l.attention ? '#fca5a5' : '#e2e8f0'}
        >
          {l.text}
        </text>
      ))}
    </g>
  );
});
