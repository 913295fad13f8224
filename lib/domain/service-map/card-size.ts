/**
 * How big a node's card is drawn: a title line and a namespace/kind line, then one row per L7
 * endpoint it serves (up to a few, then "+N more"). The estimate is in map units with a fixed
 * character width, because layout runs in a worker without fonts; the card component uses the
 * same constants so text fits. Both dimensions are capped, and the layout reserves the capped
 * size for every node, so a card that grows as new endpoints appear never overlaps a neighbour.
 */
import type { MapNode } from '@/lib/domain/service-map/service-map';

export const CARD = {
  minWidth: 180,
  maxWidth: 280,
  headerHeight: 56, // name + namespace/kind lines
  rowHeight: 18,
  maxRows: 4, // endpoint rows shown before "+N more"
  charWidth: 7, // average advance of the 12px monospace font the rows use
  paddingX: 24,
  countChars: 5, // a row's request count, right-aligned ("1.2k" and a space)
} as const;

/** The largest card cardSize() can return. */
export const MAX_CARD_SIZE = {
  width: CARD.maxWidth,
  height: CARD.headerHeight + (CARD.maxRows + 1) * CARD.rowHeight,
} as const;

export type CardNode = Pick<MapNode, 'name' | 'endpoints' | 'endpointsTruncated'>;

export function endpointRowLabel(e: MapNode['endpoints'][number]): string {
  return e.protocol === 'dns' ? `DNS ${e.path}` : `${e.method} ${e.path}`;
}

export function cardSize(node: CardNode): { width: number; height: number } {
  const shown = node.endpoints.slice(0, CARD.maxRows);
  const hidden = node.endpoints.length - shown.length + node.endpointsTruncated;
  const rows = shown.length + (hidden > 0 ? 1 : 0);
  const longest = Math.max(node.name.length, ...shown.map((e) => endpointRowLabel(e).length + CARD.countChars));
  const width = Math.min(CARD.maxWidth, Math.max(CARD.minWidth, longest * CARD.charWidth + CARD.paddingX));
  return { width, height: CARD.headerHeight + rows * CARD.rowHeight };
}
