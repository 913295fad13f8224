/**
 * Guess a pod's workload from its name when Hubble did not say (older Cilium, or pods whose
 * owner it could not resolve). Controllers name pods `<name>-<suffix>`; stripping the suffix
 * lets the replicas of one Deployment share a node on the map.
 */

// Kubernetes' random suffixes use this alphabet (no vowels, no 0/1/3) so they never spell words:
// requiring it keeps "my-service-abcde"-style real names intact.
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

/** Deployment: `<name>-<pod-template-hash>-<5>`; CronJob: `<name>-<schedule time>-<5>`. */
const TWO_PART = new RegExp(`^(.+)-(?:${SAFE}{6,10}|[0-9a-f]{6,10}|\\d{8,10})-${SAFE}{5}$`);
/** DaemonSet, Job, ReplicaSet without a Deployment: `<name>-<5>`. */
const ONE_PART = new RegExp(`^(.+)-${SAFE}{5}$`);
/** StatefulSet: `<name>-<ordinal>`. */
const ORDINAL = /^(.+)-\d{1,5}$/;

export function workloadNameFromPod(pod: string): string {
  for (const pattern of [TWO_PART, ONE_PART, ORDINAL]) {
    const m = pattern.exec(pod);
    if (m?.[1]) return m[1];
  }
  return pod;
}
