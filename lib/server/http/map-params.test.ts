import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error';
import { DEFAULT_MAP_WINDOW_US, parseMapParams } from './map-params';

const NOW = 1_800_000_000_000_000;
const parse = (qs: string) => parseMapParams(new URLSearchParams(qs), NOW);

function badParamOf(qs: string): string | null {
  try {
    parse(qs);
    return null;
  } catch (e) {
    return e instanceof HttpError ? e.param : 'not an HttpError';
  }
}

describe('parseMapParams', () => {
  it('defaults to the last 15 minutes and no filter', () => {
    expect(parse('')).toEqual({ q: null, sinceUs: NOW - DEFAULT_MAP_WINDOW_US, untilUs: NOW });
  });

  it('reads durations, epoch milliseconds and the flows q language', () => {
    const p = parse('since=1h&until=1800000000000&q=verdict%3DDROPPED');
    expect(p.sinceUs).toBe(NOW - 3_600_000_000);
    expect(p.untilUs).toBe(NOW);
    expect(p.q?.terms[0]).toMatchObject({ kind: 'verdict', value: 'DROPPED' });
  });

  it('answers 400 naming the parameter', () => {
    expect(badParamOf('q=binary%3Dsh')).toBe('q'); // an events kind
    expect(badParamOf('since=yesterday')).toBe('since');
    expect(badParamOf('until=soon')).toBe('until');
    expect(badParamOf('since=5m&until=1h')).toBe('since');
  });
});
