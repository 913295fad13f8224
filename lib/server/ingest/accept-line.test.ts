import { describe, expect, it } from 'vitest';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { exportLine } from '../api/export-line';
import type { EventRecord, FlowRecord } from '../store/store';
import { acceptHubbleLine, acceptTetragonLine, type IngestSink, type LostNotice } from './accept-line';
import { newAgentStatus } from './agent-status';

function sink() {
  const got = { flows: [] as FlowRecord[], events: [] as EventRecord[], lost: [] as LostNotice[] };
  const s: IngestSink = { acceptFlow: (r) => got.flows.push(r), acceptEvent: (r) => got.events.push(r), lost: (n) => got.lost.push(n) };
  return { s, got };
}

const NOW_US = 1795338900_000_000; // 2026-11-22T09:15:00Z

describe('lines without a top-level time', () => {
  it('are stored at the time they were received, and say so; the export stays the line as sent', () => {
    const { s, got } = sink();
    const line: TetragonEventJson = { process_exec: { process: { binary: '/bin/sh', exec_id: 'e1' } }, node_name: 'n' };
    const sent = JSON.stringify(line);
    const r = acceptTetragonLine(line, s, null, NOW_US);
    expect(r).toEqual({ timeUs: NOW_US, error: null });
    expect(got.events[0]!.summary).toMatchObject({ ts: NOW_US, time: '2026-11-22T09:15:00Z', kind: 'process_exec', binary: '/bin/sh' });
    expect(JSON.parse(got.events[0]!.json)._holocron).toEqual({ received_time: '2026-11-22T09:15:00Z' });
    expect(exportLine(got.events[0]!.json)).toBe(sent);
  });

  it('keep the receive time they were given before (a re-import of an API answer), and their id', () => {
    const { s, got } = sink();
    acceptTetragonLine({ process_exit: { process: { exec_id: 'e1' } }, node_name: 'n' }, s, null, NOW_US);
    const again: TetragonEventJson = JSON.parse(got.events[0]!.json);
    acceptTetragonLine(again, s, null, NOW_US + 5_000_000);
    expect(got.events[1]!.summary.ts).toBe(NOW_US);
    expect(got.events[1]!.summary.id).toBe(got.events[0]!.summary.id);
  });

  it('flows and loss notices too; a notice is counted and stored in place', () => {
    const { s, got } = sink();
    const status = newAgentStatus('hubble://r:80', 'hubble');
    acceptHubbleLine({ flow: { uuid: 'u1', verdict: 'FORWARDED' } }, s, status, NOW_US);
    const lost: HubbleFlowJson = { lost_events: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '9' }, node_name: 'n' };
    const r = acceptHubbleLine(lost, s, status, NOW_US + 1);
    expect(r.timeUs).toBeNull(); // Hubble resumes from flows only
    expect(got.flows.map((f) => [f.summary.type, f.summary.ts])).toEqual([
      ['UNKNOWN_TYPE', NOW_US],
      ['LOST_EVENTS', NOW_US + 1],
    ]);
    expect(got.flows[1]!.summary).toMatchObject({ verdict: '', summary: '9 events lost (HUBBLE_RING_BUFFER)' });
    expect(got.lost).toEqual([{ source: 'hubble://r:80', count: 9, reason: 'hubble HUBBLE_RING_BUFFER', atUs: NOW_US + 1 }]);
    expect(status.upstreamLost).toBe(9);
  });

  it('store Tetragon rate_limit_info as an event and count it', () => {
    const { s, got } = sink();
    acceptTetragonLine({ rate_limit_info: { number_of_dropped_process_events: '31' }, node_name: 'n', time: '2026-11-22T09:14:00Z' }, s, null, NOW_US);
    expect(got.events[0]!.summary).toMatchObject({ kind: 'rate_limit_info', node: 'n', time: '2026-11-22T09:14:00Z' });
    expect(got.lost[0]!.count).toBe(31);
  });
});
