import { describe, expect, it } from 'vitest';
import type { AlertSummary } from './alert-types';
import { alertFilterSearch, alertMatches, EMPTY_ALERT_FILTER, parseAlertFilter } from './alert-filter';

const alert: AlertSummary = {
  id: 'al-1', rule: 'Read sensitive file', priority: 'WARNING', time: '2026-11-22T09:14:06Z', ts: 100, node: 'kind-worker',
  namespace: 'default', pod: 'tiefighter', execId: 'x', eventId: 'e', message: 'Sensitive file opened for reading (file=/etc/shadow)',
  tags: ['T1003.008'], count: 1, firstSeenUs: 100, lastSeenUs: 200, lastEventId: 'e', lastExecId: 'x',
};
const all = { sinceUs: null, untilUs: null };

describe('alert filter', () => {
  it('parses and writes back URL parameters in canonical order', () => {
    const f = parseAlertFilter(new URLSearchParams('pod=default/tie&priority=warning&q=shadow&since=1h'));
    expect(f).toEqual({ ...EMPTY_ALERT_FILTER, q: 'shadow', priority: 'WARNING', pod: 'default/tie', since: '1h' });
    expect(alertFilterSearch(f).toString()).toBe('q=shadow&priority=WARNING&pod=default%2Ftie&since=1h');
  });

  it('names the bad parameter', () => {
    expect(() => parseAlertFilter(new URLSearchParams('priority=loud'))).toThrow(/^priority: "loud" is not one of EMERGENCY/);
    expect(() => parseAlertFilter(new URLSearchParams(`rule=${'x'.repeat(300)}`))).toThrow(/^rule:/);
  });

  it('treats priority as a minimum', () => {
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, priority: 'NOTICE' }, all)).toBe(true);
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, priority: 'WARNING' }, all)).toBe(true);
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, priority: 'CRITICAL' }, all)).toBe(false);
  });

  it('matches pod by namespace and prefix, and free text by all words', () => {
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, pod: 'default/tie' }, all)).toBe(true);
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, pod: 'kube-system/tie' }, all)).toBe(false);
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, pod: 'tie' }, all)).toBe(true);
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, q: 'SHADOW t1003' }, all)).toBe(true);
    expect(alertMatches(alert, { ...EMPTY_ALERT_FILTER, q: 'shadow xwing' }, all)).toBe(false);
  });

  it('keeps alerts whose first..last seen overlaps the range', () => {
    expect(alertMatches(alert, EMPTY_ALERT_FILTER, { sinceUs: 150, untilUs: null })).toBe(true);
    expect(alertMatches(alert, EMPTY_ALERT_FILTER, { sinceUs: 201, untilUs: null })).toBe(false);
    expect(alertMatches(alert, EMPTY_ALERT_FILTER, { sinceUs: null, untilUs: 99 })).toBe(false);
  });
});
