import { describe, expect, it } from 'vitest';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { EDGE_LABEL, edgeLabelLines, edgeLabelSize } from '@/lib/domain/service-map/edge-label';
import { rankMapEndpoints } from '@/lib/domain/service-map/endpoint-rank';
import { deathStarSamples } from '@/lib/domain/service-map/map-fixtures';

const map = rankMapEndpoints(aggregateServiceMap(deathStarSamples()));
const edge = (from: string, to: string) => map.edges.find((e) => e.source === from && e.destination === to)!;

describe('edge labels', () => {
  it('carry port/protocol, count and the exhaust port first', () => {
    const lines = edgeLabelLines(edge('default/tiefighter', 'default/deathstar'));
    expect(lines.map((l) => l.text)).toEqual(['80/TCP ×41', 'PUT /v1/exhaust-port', 'POST /v1/request-landing']);
    expect(lines[1]?.attention).toBe(true); // the 500
  });

  it('are sized for their longest line', () => {
    const e = edge('default/tiefighter', 'default/deathstar');
    expect(edgeLabelSize(e)).toEqual({
      width: 'POST /v1/request-landing'.length * EDGE_LABEL.charWidth + 2 * EDGE_LABEL.padding,
      height: 3 * EDGE_LABEL.lineHeight + EDGE_LABEL.padding,
    });
  });

  it('make hostile paths visible and short', () => {
    const e = { ...edge('default/tiefighter', 'default/deathstar'), endpoints: [{ ...edge('default/tiefighter', 'default/deathstar').endpoints[0]!, path: `/a\u202e${'x'.repeat(80)}` }] };
    const [, line] = edgeLabelLines(e);
    expect(line?.text).toContain('\\u202e');
    expect(line?.text.length).toBeLessThanOrEqual(EDGE_LABEL.maxChars);
  });
});
