import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PodDirectory } from './pods-file';

describe('pods file', () => {
  it('attributes by network namespace inode or /run/netns name, and by IP', () => {
    const dir = PodDirectory.fromSpecs(
      [
        { netns: 4026532600, namespace: 'default', name: 'deathstar-1', labels: { class: 'deathstar', org: 'empire' }, workload: 'deathstar', workload_kind: 'Deployment', ip: '10.244.0.10' },
        { netns: '/run/netns/xwing', namespace: 'default', name: 'xwing', labels: { class: 'xwing', org: 'alliance' }, ip: '10.244.0.30' },
      ],
      (p) => (p === '/run/netns/xwing' ? 4026532700 : null),
    );
    expect(dir.podOfNetns(4026532600)?.pod).toMatchObject({ namespace: 'default', name: 'deathstar-1', workload: 'deathstar', workload_kind: 'Deployment' });
    expect(dir.podOfNetns(4026532700)?.endpoint).toMatchObject({ pod_name: 'xwing', labels: ['k8s:class=xwing', 'k8s:io.kubernetes.pod.namespace=default', 'k8s:org=alliance'] });
    expect(dir.podOfIp('10.244.0.10')?.endpoint.workloads).toEqual([{ name: 'deathstar', kind: 'Deployment' }]);
    expect(dir.podOfNetns(4026531833)).toBeUndefined(); // the host
  });

  it('re-reads the file when it changes and keeps the previous pods when it turns invalid', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-pods-'));
    const file = path.join(tmp, 'pods.json');
    const logs: string[] = [];
    try {
      fs.writeFileSync(file, JSON.stringify([{ netns: 11, namespace: 'a', name: 'p1' }]));
      const dir = new PodDirectory(file, (m) => logs.push(m));
      expect(dir.podOfNetns(11)?.pod.name).toBe('p1');
      fs.writeFileSync(file, JSON.stringify([{ netns: 12, namespace: 'a', name: 'p2', extra: 1 }, { netns: 13, namespace: 'a', name: 'p3' }]));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
      dir.reload();
      expect(dir.podOfNetns(12)?.pod.name).toBe('p2');
      fs.writeFileSync(file, '[{"netns": 14}]');
      fs.utimesSync(file, new Date(), new Date(Date.now() + 10000));
      dir.reload();
      expect(dir.podOfNetns(12)?.pod.name).toBe('p2');
      expect(logs.at(-1)).toMatch(/pods file .*namespace/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
