import { describe, expect, it } from 'vitest';
import { barLabelPlace } from './bar-label-place';
import type { MarkerCluster } from './marker-clusters';

const cluster = (x: number, count: number): MarkerCluster => ({ x, count, markers: [], verb: 'read' });

describe('barLabelPlace', () => {
  it('labels a bar on the side with room', () => {
    expect(barLabelPlace({ start: 0.1, end: 0.3 }, [])).toEqual({ side: 'right', gapPx: 6 });
    expect(barLabelPlace({ start: 0.5, end: 0.95 }, [])).toEqual({ side: 'left', gapPx: 6 });
    expect(barLabelPlace({ start: 0.05, end: 0.95 }, [])).toEqual({ side: 'inside', gapPx: 6 });
  });

  it('moves the label past a count badge on the edge it hangs from', () => {
    expect(barLabelPlace({ start: 0.1, end: 0.3 }, [cluster(0.3, 4)]).gapPx).toBe(18);
    expect(barLabelPlace({ start: 0.5, end: 0.95 }, [cluster(0.505, 2)]).gapPx).toBe(18);
  });

  it('keeps the usual gap for a lone marker or a cluster elsewhere on the bar', () => {
    expect(barLabelPlace({ start: 0.1, end: 0.3 }, [cluster(0.3, 1)]).gapPx).toBe(6);
    expect(barLabelPlace({ start: 0.1, end: 0.3 }, [cluster(0.2, 5)]).gapPx).toBe(6);
  });
});
