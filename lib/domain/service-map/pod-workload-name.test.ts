import { describe, expect, it } from 'vitest';
import { workloadNameFromPod } from '@/lib/domain/service-map/pod-workload-name';

describe('workloadNameFromPod', () => {
  it.each([
    ['deathstar-6c94dcc57b-7xk2p', 'deathstar'], // Deployment
    ['coredns-5d78c9869d-x2kq7', 'coredns'],
    ['legacy-5d4c8b7f9-x2kq7', 'legacy'], // hex pod-template-hash from old clusters
    ['kube-proxy-x7k2p', 'kube-proxy'], // DaemonSet
    ['backup-28571234-x7k2p', 'backup'], // CronJob
    ['redis-0', 'redis'], // StatefulSet
    ['tiefighter', 'tiefighter'], // bare pod
    ['my-service-abcde', 'my-service-abcde'], // vowels: a real name, not a random suffix
    ['api-v2', 'api-v2'],
  ])('%s → %s', (pod, workload) => {
    expect(workloadNameFromPod(pod)).toBe(workload);
  });
});
