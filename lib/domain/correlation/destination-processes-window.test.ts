import { describe, expect, it } from 'vitest';
import { PODS, usAt } from '@/lib/domain/ancestry/testing/fixtures';
import { destinationProcessesWindow } from '@/lib/domain/correlation/destination-processes-window';
import { flowBetweenPods } from '@/lib/domain/correlation/testing/flow-fixtures';

const tiefighter = { pod: PODS.tiefighter, ip: '10.244.1.17', port: 45200 };
const deathstar = { pod: PODS.deathstar, ip: '10.244.2.31', port: 80 };

describe('destinationProcessesWindow', () => {
  it('points at the receiving pod around the flow', () => {
    const put = flowBetweenPods(tiefighter, deathstar, { atMs: 15_020 });
    expect(destinationProcessesWindow(put, 2000)).toEqual({
      namespace: 'default',
      pod: PODS.deathstar.name,
      sinceMicros: usAt(13_020),
      untilMicros: usAt(17_020),
    });
  });

  it('still means the server for a reply flow', () => {
    const reply = flowBetweenPods(deathstar, tiefighter, { atMs: 15_030, isReply: true });
    expect(destinationProcessesWindow(reply, 1000)?.pod).toBe(PODS.deathstar.name);
  });

  it('is null when the receiving side is not a pod', () => {
    expect(destinationProcessesWindow(flowBetweenPods(tiefighter, { pod: null, ip: '93.184.216.34', port: 443 }, { atMs: 0 }), 1000)).toBeNull();
  });
});
