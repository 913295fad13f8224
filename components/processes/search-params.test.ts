import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROCESSES_SEARCH,
  eventsDataParams,
  exportHref,
  isOpenEnded,
  parseProcessesSearch,
  processesHref,
  serializeProcessesSearch,
} from '@/components/processes/search-params';

describe('/processes URL state', () => {
  it('round-trips every field and leaves defaults out', () => {
    const s = { q: 'pod=default/deathstar binary=kill', range: null, since: '2026-11-22T09:00:00Z', until: '2026-11-22T10:00:00Z', paused: true, sel: 'abc_123' };
    expect(parseProcessesSearch(serializeProcessesSearch(s))).toEqual(s);
    expect(processesHref(DEFAULT_PROCESSES_SEARCH)).toBe('/processes');
    expect(processesHref({ ...DEFAULT_PROCESSES_SEARCH, range: '15m' })).toBe('/processes?range=15m');
  });

  it('drops values a link should not carry', () => {
    const s = parseProcessesSearch(new URLSearchParams('range=3y&since=yesterday&sel=<script>&live=maybe'));
    expect(s).toEqual(DEFAULT_PROCESSES_SEARCH);
    expect(parseProcessesSearch({ q: ['a', 'b'], range: '1h', since: '2026-11-22T09:00:00Z' })).toMatchObject({ q: 'a', range: '1h', since: null });
  });

  it('swaps a range given backwards', () => {
    expect(parseProcessesSearch(new URLSearchParams('since=2026-11-22T10:00:00Z&until=2026-11-22T09:00:00Z'))).toMatchObject({
      since: '2026-11-22T09:00:00Z',
      until: '2026-11-22T10:00:00Z',
    });
  });

  it('sends a quick range to the API as a duration and builds the export link', () => {
    const s = { ...DEFAULT_PROCESSES_SEARCH, q: 'pod=default/deathstar', range: '15m' as const };
    expect(eventsDataParams(s).toString()).toBe('q=pod%3Ddefault%2Fdeathstar&since=15m');
    expect(exportHref(s, 'ndjson')).toBe('/api/export?q=pod%3Ddefault%2Fdeathstar&since=15m&source=events&format=ndjson');
    expect(isOpenEnded(s)).toBe(true);
    expect(isOpenEnded({ ...s, range: null, until: '2026-11-22T10:00:00Z' })).toBe(false);
  });
});
