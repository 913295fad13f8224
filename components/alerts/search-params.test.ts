import { describe, expect, it } from 'vitest';
import { EMPTY_ALERT_FILTER } from '@/lib/domain/alerts/alert-filter';
import { alertsHref, hasFilters, parseAlertsSearch, windowLinks, windowOf } from './search-params';

describe('/alerts URL state', () => {
  it('round-trips a filtered view', () => {
    const { filter, errors } = parseAlertsSearch({ priority: 'warning', namespace: 'default', since: '1h', extra: 'x' });
    expect(errors).toEqual([]);
    expect(alertsHref(filter)).toBe('/alerts?priority=WARNING&namespace=default&since=1h');
    expect(parseAlertsSearch(new URLSearchParams(alertsHref(filter).split('?')[1])).filter).toEqual(filter);
  });

  it('drops a bad value and says why, keeping the rest', () => {
    const { filter, errors } = parseAlertsSearch({ priority: 'LOUD', rule: 'Read sensitive file' });
    expect(filter).toEqual({ ...EMPTY_ALERT_FILTER, rule: 'Read sensitive file' });
    expect(errors).toEqual([expect.stringMatching(/^priority: "LOUD" is not one of/)]);
  });

  it('patches and clears fields', () => {
    const f = { ...EMPTY_ALERT_FILTER, rule: 'Kill', pod: 'default/deathstar' };
    expect(alertsHref(f, { rule: null })).toBe('/alerts?pod=default%2Fdeathstar');
    expect(alertsHref(f, { rule: null, pod: null })).toBe('/alerts');
    expect(hasFilters(EMPTY_ALERT_FILTER)).toBe(false);
    expect(hasFilters(f)).toBe(true);
  });

  it('shows its time in the shared picker: a quick duration is that range, anything else no button', () => {
    const f = { ...EMPTY_ALERT_FILTER, rule: 'Kill' };
    expect(windowOf({ ...f, since: '1h' })).toEqual({ range: '1h', since: null, until: null });
    expect(windowOf(f)).toEqual({ range: null, since: null, until: null });
    expect(windowOf({ ...f, since: '2026-11-22T09:00:00Z', until: '1h' })).toEqual({ range: null, since: '2026-11-22T09:00:00Z', until: '1h' });
    const links = windowLinks({ ...f, since: '2026-11-22T09:00:00Z', until: '1h' });
    expect(links.all).toBe('/alerts?rule=Kill');
    expect(links['24h']).toBe('/alerts?rule=Kill&since=24h');
    expect(Object.keys(links).sort()).toEqual(['15m', '1h', '24h', '5m', '6h', 'all']);
  });
});
