'use client';

import { memo } from 'react';
import type { IslandBox } from '@/lib/domain/service-map/layout-service-map';
import { charsFitting, fitText } from './svg-text';

/** A namespace's box with its name; world and host sit outside every island. */
export const IslandView = memo(function IslandView({ island }: { island: IslandBox }) {
  return (
    <g data-testid="map-island" data-namespace={island.namespace}>
      <rect x={island.x} y={island.y} width={island.width} height={island.height} rx={14} fill="#0f172a" fillOpacity={0.6} stroke="#334155" strokeDasharray="4 4" />
      <text x={island.x + 16} y={island.y + 26} fontSize={15} fontWeight={600} fill="#94a3b8">
        {fitText(island.namespace, charsFitting(island.width - 32, 8.5))}
      </text>
    </g>
  );
});

/**
 * Zoomed far out, cards and labels are specks and the namespaces are what one reads: their names
 * drawn big across the middle of each island, above everything, with a dark halo.
 */
export const IslandName = memo(function IslandName({ island }: { island: IslandBox }) {
  const size = Math.max(40, Math.min(140, island.width / 7));
  return (
    <text
      x={island.x + island.width / 2}
      y={island.y + island.height / 2 + size / 3}
      fontSize={size}
      fontWeight={700}
      textAnchor="middle"
      fill="#e2e8f0"
      stroke="#0b1120"
      strokeWidth={size / 8}
      paintOrder="stroke"
      opacity={0.9}
      pointerEvents="none"
    >
      {fitText(island.namespace, charsFitting(island.width, size * 0.6))}
    </text>
  );
});
