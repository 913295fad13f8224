import { describe, expect, it } from 'vitest';
import { parseTimelineSearch, serializeTimelineSearch, timelineHref, treeApiHref } from '@/components/timeline/search-params';

describe('pod timeline URL state', () => {
  it('round-trips selection, zoom window and data window', () => {
    const s = { sel: 'a2luZC13b3JrZXIyOjQ1MzQ6NTI=', from: 1795000015200.25, to: 1795000015210, since: '1h', until: null, hideHost: true };
    expect(parseTimelineSearch(serializeTimelineSearch(s))).toEqual(s);
    expect(timelineHref('default', 'deathstar-6c94dcc57b-7xk2p', s)).toBe(
      '/pods/default/deathstar-6c94dcc57b-7xk2p?sel=a2luZC13b3JrZXIyOjQ1MzQ6NTI%3D&from=1795000015200.25&to=1795000015210&since=1h&host=0',
    );
  });

  it('drops what it cannot use and swaps a backwards window', () => {
    expect(parseTimelineSearch(new URLSearchParams('exec=<img>&from=x&since=yesterday'))).toEqual({ sel: null, from: null, to: null, since: null, until: null, hideHost: false });
    expect(parseTimelineSearch(new URLSearchParams('from=20&to=10'))).toMatchObject({ from: 10, to: 20 });
  });

  it('still opens a link that names the selection by its earlier name, exec', () => {
    expect(parseTimelineSearch(new URLSearchParams('exec=a2luZA%3D%3D&host=0'))).toMatchObject({ sel: 'a2luZA==', hideHost: true });
    expect(parseTimelineSearch(new URLSearchParams('sel=bmV3&exec=b2xk')).sel).toBe('bmV3');
    expect(serializeTimelineSearch(parseTimelineSearch(new URLSearchParams('exec=a2luZA%3D%3D'))).toString()).toBe('sel=a2luZA%3D%3D');
  });

  it('asks the tree API for the data window only', () => {
    const s = parseTimelineSearch(new URLSearchParams('exec=abc&from=1&to=2&since=2026-11-22T09:00:00Z'));
    expect(treeApiHref('default', 'tiefighter', s)).toBe('/api/pods/default/tiefighter/tree?since=2026-11-22T09%3A00%3A00Z');
  });
});
