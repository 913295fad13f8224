import { describe, expect, it } from 'vitest';
import { CARD, MAX_CARD_SIZE, cardSize } from '@/lib/domain/service-map/card-size';
import type { L7Endpoint } from '@/lib/domain/service-map/service-map';

const ep = (path: string): L7Endpoint => ({
  protocol: 'http', method: 'GET', path, requests: 1, verdicts: { forwarded: 1, dropped: 0, other: 0 }, statuses: [],
});

describe('cardSize', () => {
  it('is the minimum card for a short name without endpoints', () => {
    expect(cardSize({ name: 'xwing', endpoints: [], endpointsTruncated: 0 })).toEqual({ width: CARD.minWidth, height: CARD.headerHeight });
  });

  it('grows a row per endpoint and widens for long paths', () => {
    const one = cardSize({ name: 'deathstar', endpoints: [ep('/v1/exhaust-port')], endpointsTruncated: 0 });
    const two = cardSize({ name: 'deathstar', endpoints: [ep('/v1/exhaust-port'), ep('/v1/request-landing-and-a-much-longer-path')], endpointsTruncated: 0 });
    expect(one.height).toBe(CARD.headerHeight + CARD.rowHeight);
    expect(two.height).toBe(CARD.headerHeight + 2 * CARD.rowHeight);
    expect(two.width).toBeGreaterThan(one.width);
  });

  it('is capped, with one "+N more" row for what is not shown', () => {
    const many = Array.from({ length: 30 }, (_, i) => ep(`/a/very/long/path/segment/number/${i}/that/goes/on`));
    const size = cardSize({ name: 'api', endpoints: many, endpointsTruncated: 12 });
    expect(size).toEqual(MAX_CARD_SIZE);
    const truncatedOnly = cardSize({ name: 'api', endpoints: [], endpointsTruncated: 3 });
    expect(truncatedOnly.height).toBe(CARD.headerHeight + CARD.rowHeight);
  });
});
