import { describe, expect, it } from 'vitest';
import { clusterMarkers, markerVerb } from '@/lib/domain/timeline/marker-clusters';
import type { ProcessMarker } from '@/lib/domain/ancestry';

const m = (tsNs: number, label: string): ProcessMarker => ({ id: `e${tsNs}`, kind: 'process_kprobe', ts: tsNs / 1000, tsNs, label });

describe('clusterMarkers', () => {
  const toX = (ns: number) => ns / 1000;

  it('merges markers closer than the gap and keeps the first few for the tooltip', () => {
    const markers = [m(100, 'connect 10.0.0.1:80'), m(101, 'close 10.0.0.1:80'), m(500, 'read /etc/shadow')];
    const clusters = clusterMarkers(markers, toX, 0.01);
    expect(clusters.map((c) => [c.x, c.count, c.verb])).toEqual([[0.1, 2, 'connect'], [0.5, 1, 'read']]);
    expect(clusters[0]!.markers.map((x) => x.label)).toEqual(['connect 10.0.0.1:80', 'close 10.0.0.1:80']);
  });

  it('draws thousands of reads as a few clusters', () => {
    const many = Array.from({ length: 5000 }, (_, i) => m(i * 0.2, `read /tmp/${i}`));
    const clusters = clusterMarkers(many, toX, 0.005);
    expect(clusters.length).toBeLessThanOrEqual(201);
    expect(clusters.reduce((n, c) => n + c.count, 0)).toBe(5000);
    expect(Math.max(...clusters.map((c) => c.markers.length))).toBeLessThanOrEqual(8);
  });

  it('leaves out markers outside the window', () => {
    expect(clusterMarkers([m(-5, 'read a'), m(2000, 'read b')], toX, 0.01)).toEqual([]);
  });

  it('takes the verb from a label', () => {
    expect(markerVerb('truncate /var/log/deathstar/access.log')).toBe('truncate');
    expect(markerVerb('setuid')).toBe('setuid');
  });
});

describe('markerIcon', () => {
  it('speaks tetra compact', async () => {
    const { markerIcon } = await import('@/lib/domain/timeline/marker-clusters');
    expect(['connect', 'read', 'truncate', 'unlink', 'open', 'setuid', 'lsm', 'security_bprm_check'].map(markerIcon)).toEqual(['🔌', '📚', '📝', '🧹', '📬', '🔑', '🔒', '❓']);
  });
});
