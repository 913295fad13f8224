import { describe, expect, it } from 'vitest';
import { alertLinks } from './alert-links';

const S = 1_000_000;
const base = {
  id: 'al-x', eventId: 'ev/1', execId: 'a2luZA==', namespace: 'default', pod: 'deathstar-6c94dcc57b-7xk2p',
  firstSeenUs: Date.parse('2026-11-22T09:14:15Z') * 1000, lastSeenUs: Date.parse('2026-11-22T09:14:15Z') * 1000 + 5 * S,
};

describe('alert links', () => {
  it('points at the process on its pod timeline, the evidence event and the pod’s flows around it', () => {
    const links = alertLinks(base);
    expect(links.alert).toBe('/alerts/al-x');
    expect(links.event).toBe('/events/ev%2F1');
    expect(links.timeline).toBe('/pods/default/deathstar-6c94dcc57b-7xk2p?sel=a2luZA%3D%3D');
    const flows = new URL(links.flows!, 'http://x');
    expect(flows.pathname).toBe('/flows');
    expect(flows.searchParams.get('q')).toBe('pod=default/deathstar-6c94dcc57b-7xk2p');
    expect(flows.searchParams.get('since')).toBe('2026-11-22T09:12:15.000000Z');
    expect(flows.searchParams.get('until')).toBe('2026-11-22T09:16:20.000000Z');
  });

  it('has no pod links for a host process, and takes an absolute base', () => {
    const links = alertLinks({ ...base, namespace: '', pod: '' }, 'https://holocron.example');
    expect(links).toMatchObject({ alert: 'https://holocron.example/alerts/al-x', timeline: null, flows: null });
  });
});
