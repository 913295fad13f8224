'use client';

import { memo } from 'react';
import { endpointRowLabel } from '@/lib/domain/service-map/card-size';
import type { EdgeRoute } from '@/lib/domain/service-map/edge-routes';
import { needsAttention } from '@/lib/domain/service-map/endpoint-rank';
import type { MapEdge } from '@/lib/domain/service-map/service-map';
import { EDGE_COLOR, EDGE_DASH, edgeWidth, isSecured, portLabel } from './edge-style';
import { Padlock } from './padlock';
import { fitText, shortCount } from './svg-text';

/**
 * One edge: a curve coloured by verdict (dashed when mixed) with an arrowhead at the server, a
 * wide invisible stroke to hover and click, and, when there is room, a label with port/protocol,
 * flow count, a padlock when encrypted or mutually authenticated, and its L7 endpoints (drops and
 * server errors first). The data-* attributes state the model for tests and tools.
 */
const LABEL_CHAR = 6.6; // 11px monospace
const LABEL_LINE = 14;
const MAX_LABEL_ENDPOINTS = 2;
const MAX_LABEL_CHARS = 34;

export interface EdgeViewProps {
  edge: MapEdge;
  route: EdgeRoute;
  highlighted: boolean;
  dimmed: boolean;
}

function labelLines(edge: MapEdge): { text: string; attention: boolean }[] {
  const lines = [{ text: `${portLabel(edge)} ×${shortCount(edge.flowCount)}`, attention: false }];
  for (const e of edge.endpoints.slice(0, MAX_LABEL_ENDPOINTS)) {
    lines.push({ text: fitText(endpointRowLabel(e), MAX_LABEL_CHARS), attention: needsAttention(e) });
  }
  const more = edge.endpoints.length - Math.min(edge.endpoints.length, MAX_LABEL_ENDPOINTS) + edge.endpointsTruncated;
  if (more > 0) lines.push({ text: `+${more} more`, attention: false });
  return lines;
}

export const EdgeView = memo(function EdgeView({ edge, route, highlighted, dimmed }: EdgeViewProps) {
  const secured = isSecured(edge);
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
      opacity={dimmed ? 0.12 : 1}
    >
      <path d={route.d} fill="none" stroke="transparent" strokeWidth={14} pointerEvents="stroke" className="cursor-pointer" />
      <path
        d={route.d}
        fill="none"
        stroke={EDGE_COLOR[edge.verdict]}
        strokeOpacity={highlighted ? 1 : 0.75}
        strokeWidth={edgeWidth(edge.flowCount) + (highlighted ? 1.5 : 0)}
        strokeDasharray={EDGE_DASH[edge.verdict]}
        markerEnd={`url(#map-arrow-${edge.verdict})`}
        pointerEvents="none"
      />
      {secured && <Padlock x={route.label.x - 5} y={route.label.y - 6} partial={edge.encrypted !== 'all' && edge.mutualAuth !== 'all'} />}
    </g>
  );
});

/** Drawn in a layer above the cards, so a label is never hidden under one. */
export const EdgeLabel = memo(function EdgeLabel({ edge, route, highlighted, dimmed }: EdgeViewProps) {
  const color = EDGE_COLOR[edge.verdict];
  const lines = labelLines(edge);
  const secured = isSecured(edge);
  const lockRoom = secured ? 14 : 0;
  const width = Math.max(...lines.map((l, i) => l.text.length * LABEL_CHAR + (i === 0 ? lockRoom : 0))) + 12;
  const height = lines.length * LABEL_LINE + 6;
  return (
    <g
      transform={`translate(${route.label.x - width / 2},${route.label.y - height / 2})`}
      data-testid="edge-label"
      data-edge-id={edge.id}
      data-verdict={edge.verdict}
      opacity={dimmed ? 0.15 : 1}
      className="cursor-pointer font-mono"
    >
      <rect width={width} height={height} rx={4} fill="#0b1120" fillOpacity={0.9} stroke={highlighted ? color : '#334155'} strokeWidth={1} />
      {secured && <Padlock x={5} y={4} partial={edge.encrypted !== 'all' && edge.mutualAuth !== 'all'} />}
      {lines.map((l, i) => (
        <text key={i} x={6 + (i === 0 ? lockRoom : 0)} y={14 + i * LABEL_LINE} fontSize={11} fill={i === 0 ? '#94a3b8' : l.attention ? '#fca5a5' : '#e2e8f0'}>
          {l.text}
        </text>
      ))}
    </g>
  );
});
