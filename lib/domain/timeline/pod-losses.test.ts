import { describe, expect, it } from 'vitest';
import { bandInView, cgroupOfPod, throttleBands, widenRange, type ThrottleMark } from './pod-losses';

const m = (ns: number, type: string): ThrottleMark => ({ ns, type, id: `${type}@${ns}` });

describe('throttleBands', () => {
  it('pairs each START with the next STOP, in time order whatever the input order', () => {
    expect(throttleBands([m(300, 'THROTTLE_STOP'), m(100, 'THROTTLE_START'), m(500, 'THROTTLE_START'), m(700, 'THROTTLE_STOP')], 0)).toEqual([
      { startNs: 100, endNs: 300, openStart: false, startId: 'THROTTLE_START@100', stopId: 'THROTTLE_STOP@300' },
      { startNs: 500, endNs: 700, openStart: false, startId: 'THROTTLE_START@500', stopId: 'THROTTLE_STOP@700' },
    ]);
  });

  it('keeps a band open when no STOP came, and starts one at the window when only the STOP is in it', () => {
    expect(throttleBands([m(100, 'THROTTLE_START'), m(200, 'THROTTLE_START')], 0)).toEqual([
      { startNs: 100, endNs: null, openStart: false, startId: 'THROTTLE_START@100', stopId: null },
    ]);
    expect(throttleBands([m(300, 'THROTTLE_STOP')], 50)).toEqual([{ startNs: 50, endNs: 300, openStart: true, startId: null, stopId: 'THROTTLE_STOP@300' }]);
    expect(throttleBands([m(300, 'THROTTLE_UNKNOWN')], 50)).toEqual([]);
  });
});

describe('widenRange', () => {
  it('takes in throttles and losses outside the processes, and keeps the object when nothing changes', () => {
    const r = { minNs: 1000, maxNs: 2000 };
    expect(widenRange(r, [], [])).toBe(r);
    expect(widenRange(r, [{ startNs: 900, endNs: 2500, openStart: false, startId: 'a', stopId: 'b' }], [{ ns: 3000, count: 1, text: '', id: 'l' }])).toEqual({ minNs: 900, maxNs: 3000 });
  });
});

describe('bandInView', () => {
  const band = { startNs: 200, endNs: 400, openStart: false, startId: 'a', stopId: 'b' };
  it('places a band in the viewed window, clipped, and hides one outside it', () => {
    expect(bandInView(band, 0, 1000)).toEqual({ x0: 0.2, x1: 0.4 });
    expect(bandInView(band, 300, 500)).toEqual({ x0: 0, x1: 0.5 });
    expect(bandInView(band, 500, 1000)).toBeNull();
    expect(bandInView({ ...band, endNs: null }, 0, 1000)).toEqual({ x0: 0.2, x1: 1 });
  });
});

describe('cgroupOfPod', () => {
  const id = 'containerd://61d9a3b0c2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0';
  const pod = { containerIds: [id], podUids: ['0b1e3b5e-8a4e-4c5c-9d7a-2f1e6c3a7b11'] };
  it('matches the cgroup names runtimes and kubelet give a container', () => {
    expect(cgroupOfPod('cri-containerd-61d9a3b0c2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0.scope', pod)).toBe(true);
    expect(cgroupOfPod('61d9a3b0c2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0', { ...pod, podUids: [] })).toBe(true);
    // cgroupfs: the pod's directory and a 12-character container prefix
    expect(cgroupOfPod('/kubepods/besteffort/pod0b1e3b5e_8a4e_4c5c_9d7a_2f1e6c3a7b11/ffffffffffff', pod)).toBe(true);
    expect(cgroupOfPod('/kubepods/besteffort/podffffffff_0000_0000_0000_000000000000/61d9a3b0c2e4', pod)).toBe(true);
  });
  it('does not match other cgroups, empty ones, or ids too short to tell apart', () => {
    expect(cgroupOfPod('session-429.scope', pod)).toBe(false);
    expect(cgroupOfPod('', pod)).toBe(false);
    expect(cgroupOfPod('/kubepods/besteffort/podffffffff_0000_0000_0000_000000000000/61d9a3b0c2e5', pod)).toBe(false);
    expect(cgroupOfPod('cri-containerd-abc.scope', { containerIds: ['containerd://abc'], podUids: ['x'] })).toBe(false);
  });
});
