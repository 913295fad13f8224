import { describe, expect, it } from 'vitest';
import { lossOfEvent, lossOfFlowLine, lossOfFlowSummary, lossOfItem } from './loss-line';

// Lines as `tetra getevents -o json` and `hubble observe -o json` print them.
describe('loss lines', () => {
  it('reads rate_limit_info with its 64-bit count', () => {
    expect(lossOfEvent({ rate_limit_info: { number_of_dropped_process_events: '1204' }, node_name: 'kind-worker', time: '2026-12-07T08:00:00Z' })).toEqual({
      kind: 'rate_limit_info',
      count: 1204,
      text: "1,204 process events dropped by the agent's rate limit on kind-worker",
    });
    expect(lossOfEvent({ process_exec: {} })).toBeNull();
  });

  it('reads Hubble lost_events and Relay node_status', () => {
    expect(lossOfFlowLine({ lost_events: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: '1', cpu: 3 }, node_name: 'kind-worker2' })).toEqual({
      kind: 'lost_events',
      count: 1,
      text: '1 flow lost (PERF_EVENT_RING_BUFFER, cpu 3) on kind-worker2',
    });
    expect(lossOfFlowLine({ node_status: { state_change: 'NODE_UNAVAILABLE', node_names: ['kind-worker'], message: 'connection refused' } })).toMatchObject({
      kind: 'node_status',
      count: null,
      text: 'NODE_UNAVAILABLE: kind-worker — connection refused',
    });
    expect(lossOfFlowLine({ flow: { verdict: 'FORWARDED' } })).toBeNull();
  });

  it('recognises either from a stored item, and nothing from junk', () => {
    expect(lossOfItem({ lost_events: { num_events_lost: 'x' } })?.count).toBeNull();
    expect(lossOfItem({ rate_limit_info: {} })?.kind).toBe('rate_limit_info');
    expect(lossOfItem(null)).toBeNull();
    expect(lossOfItem('rate_limit_info')).toBeNull();
  });
});

describe('lossOfFlowSummary (live items, no upstream object)', () => {
  it('knows loss lines by the type the store gives them', () => {
    expect(lossOfFlowSummary({ type: 'LOST_EVENTS', summary: '77 events lost (PERF_EVENT_RING_BUFFER)', node: 'kind-worker' })).toEqual({
      kind: 'lost_events',
      count: 77,
      text: '77 events lost (PERF_EVENT_RING_BUFFER) on kind-worker',
    });
    expect(lossOfFlowSummary({ type: 'NODE_STATUS', summary: 'NODE_GONE kind-worker', node: '' })).toMatchObject({ kind: 'node_status', count: null });
    expect(lossOfFlowSummary({ type: 'L7', summary: '77 events lost', node: '' })).toBeNull();
  });
});
