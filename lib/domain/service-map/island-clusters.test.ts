import { describe, expect, it } from 'vitest';
import { islandClusters } from '@/lib/domain/service-map/island-clusters';
import { layoutGeometry } from '@/lib/domain/service-map/layout-geometry';

const g = layoutGeometry();
const cell = (col: number, row: number) => ({ x: col * g.pitchX, y: row * g.pitchY });

describe('islandClusters', () => {
  it('makes one padded box for cells on one lattice, diagonals included', () => {
    const clusters = islandClusters('default', new Map([['a', cell(0, 0)], ['b', cell(1, 1)], ['c', cell(2, 0)]]), g);
    expect(clusters).toHaveLength(1);
    expect([...clusters[0]!.members].sort()).toEqual(['a', 'b', 'c']);
    expect(clusters[0]!.box).toEqual({
      x: -g.islandPad.left,
      y: -g.islandPad.top,
      width: 2 * g.pitchX + g.cellWidth + g.islandPad.left + g.islandPad.right,
      height: g.pitchY + g.cellHeight + g.islandPad.top + g.islandPad.bottom,
    });
  });

  it('gives a group that sits apart its own box, biggest group first', () => {
    const clusters = islandClusters('default', new Map([['a', cell(0, 0)], ['b', cell(1, 0)], ['far', cell(10, 0)]]), g);
    expect(clusters.map((c) => [...c.members].sort())).toEqual([['a', 'b'], ['far']]);
  });

  it('merges groups whose boxes would overlap', () => {
    // Two cells apart: not touching, but their padded boxes overlap.
    const clusters = islandClusters('default', new Map([['a', cell(0, 0)], ['b', { x: g.cellWidth + g.nodeGap + 10, y: 0 }]]), g);
    expect(clusters).toHaveLength(1);
  });
});
