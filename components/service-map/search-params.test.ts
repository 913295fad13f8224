import { describe, expect, it } from 'vitest';
import { DEFAULT_MAP_SEARCH, isLive, mapDataParams, mapHref, parseMapSearch, serializeMapSearch, type MapSearch } from './search-params';

const parse = (qs: string) => parseMapSearch(new URLSearchParams(qs));

describe('map search params', () => {
  it('opens the last 15 minutes, fitted, with nothing selected', () => {
    expect(parse('')).toEqual(DEFAULT_MAP_SEARCH);
    expect(mapHref(DEFAULT_MAP_SEARCH)).toBe('/map');
  });

  it('round-trips every piece of view state', () => {
    const s: MapSearch = {
      q: 'to:pod=default/deathstar verdict=DROPPED',
      range: null,
      since: '2026-11-22T10:00:00Z',
      until: '2026-11-22T10:15:00.5Z',
      viewport: { x: -120.5, y: 33, k: 0.8125 },
      node: null,
      edge: '["default/xwing","default/deathstar",80,"TCP"]',
    };
    expect(parseMapSearch(serializeMapSearch(s))).toEqual(s);
    expect(parse('range=1h&node=default%2Fdeathstar')).toMatchObject({ range: '1h', since: null, node: 'default/deathstar' });
  });

  it('rounds the viewport so links stay short', () => {
    const qs = serializeMapSearch({ ...DEFAULT_MAP_SEARCH, viewport: { x: 10.123456, y: -0.04, k: 0.333333333 } });
    expect(qs.toString()).toBe('x=10.1&y=0&k=0.3333');
  });

  it('drops what it cannot trust instead of failing the page', () => {
    expect(parse('range=3y')).toMatchObject({ range: '15m' });
    expect(parse('since=yesterday')).toMatchObject({ range: '15m', since: null });
    expect(parse('x=1&y=2&k=99').viewport).toBeNull(); // beyond the zoom range
    expect(parse('x=1e9&y=2&k=1').viewport).toBeNull();
    expect(parse('x=1&y=2').viewport).toBeNull();
    expect(parse(`node=${'a'.repeat(2000)}`).node).toBeNull();
    expect(parse(`q=${'x'.repeat(5000)}`).q).toHaveLength(4096);
  });

  it('keeps one selection: a node wins over an edge', () => {
    expect(parse('node=default%2Fxwing&edge=e1')).toMatchObject({ node: 'default/xwing', edge: null });
  });

  it('asks the API for the same window /flows would use', () => {
    expect(mapDataParams({ q: ' verdict=DROPPED ', range: '1h', since: null, until: null }).toString()).toBe('q=verdict%3DDROPPED&since=1h');
    expect(mapDataParams({ q: '', range: null, since: '2026-11-22T10:00:00Z', until: null }).toString()).toBe('since=2026-11-22T10%3A00%3A00Z');
  });

  it('refreshes only while new flows can still fall in the window', () => {
    expect(isLive({ range: '15m', until: null })).toBe(true);
    expect(isLive({ range: null, until: null })).toBe(true);
    expect(isLive({ range: null, until: '2026-11-22T10:15:00Z' })).toBe(false);
  });
});
