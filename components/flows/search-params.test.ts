import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW_COLUMNS } from '@/lib/domain/flow-list/flow-sort';
import { DEFAULT_FLOWS_SEARCH, flowsDataParams, flowsHref, isOpenEnded, parseFlowsSearch, serializeFlowsSearch } from './search-params';

describe('flows search params', () => {
  it('gives the defaults for an empty URL and writes nothing back for them', () => {
    const s = parseFlowsSearch(new URLSearchParams(''));
    expect(s).toEqual(DEFAULT_FLOWS_SEARCH);
    expect(serializeFlowsSearch(s).toString()).toBe('');
    expect(flowsHref(s)).toBe('/flows');
  });

  it('round-trips every field', () => {
    const url = new URLSearchParams({
      q: 'from:pod=default/tiefighter http-path=exhaust-port',
      since: '2026-11-22T09:00:00Z',
      until: '2026-11-22T10:00:00.5Z',
      cols: 'time,src-pod,node',
      sort: 'http-status:asc',
      live: '0',
      sel: '5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11',
    });
    const s = parseFlowsSearch(url);
    expect(s).toMatchObject({
      q: 'from:pod=default/tiefighter http-path=exhaust-port',
      range: null,
      since: '2026-11-22T09:00:00Z',
      until: '2026-11-22T10:00:00.5Z',
      cols: ['time', 'src-pod', 'node'],
      sort: { column: 'http-status', desc: false },
      paused: true,
      sel: '5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11',
    });
    expect(parseFlowsSearch(serializeFlowsSearch(s))).toEqual(s);
  });

  it('accepts the record shape Next gives a server page', () => {
    expect(parseFlowsSearch({ range: ['15m', '1h'], q: 'verdict=DROPPED' })).toMatchObject({ range: '15m', q: 'verdict=DROPPED' });
  });

  it('drops values it cannot trust instead of failing', () => {
    const s = parseFlowsSearch(new URLSearchParams({ range: '7y', since: 'yesterday', cols: 'nope,<script>', sort: 'json:asc', sel: '../../x y' }));
    expect(s).toMatchObject({ range: null, since: null, cols: [...DEFAULT_FLOW_COLUMNS], sort: { column: 'time', desc: true }, sel: null });
  });

  it('still opens a link that names the selection by its earlier name, flow', () => {
    const old = parseFlowsSearch(new URLSearchParams({ flow: '5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11', range: '1h' }));
    expect(old.sel).toBe('5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11');
    expect(flowsHref(old)).toBe('/flows?range=1h&sel=5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11');
    expect(parseFlowsSearch(new URLSearchParams({ flow: '../../x y' })).sel).toBeNull();
  });

  it('lets a quick range win over absolute times', () => {
    const s = parseFlowsSearch(new URLSearchParams({ range: '1h', since: '2026-11-22T09:00:00Z' }));
    expect(s).toMatchObject({ range: '1h', since: null });
    expect(serializeFlowsSearch(s).toString()).toBe('range=1h');
  });

  it('derives the data parameters for the API', () => {
    const quick = parseFlowsSearch(new URLSearchParams({ range: '15m', q: ' verdict=DROPPED ', sel: 'x' }));
    expect(flowsDataParams(quick).toString()).toBe('q=verdict%3DDROPPED&since=15m');
    expect(isOpenEnded(quick)).toBe(true);
    const closed = parseFlowsSearch(new URLSearchParams({ until: '2026-11-22T10:00:00Z' }));
    expect(flowsDataParams(closed).toString()).toBe('until=2026-11-22T10%3A00%3A00Z');
    expect(isOpenEnded(closed)).toBe(false);
  });
});
