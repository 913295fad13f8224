import type { V1Pod } from '@kubernetes/client-node';
import type { FoundAddress } from './discovery-loop';

/**
 * `tetragon+k8s://NAMESPACE:PORT?selector=…`: the agents are the pods of NAMESPACE matching the
 * label selector, listed through the Kubernetes API with the official client — in a pod with its
 * service account (RBAC: get and list on pods in that namespace), elsewhere from KUBECONFIG. Only
 * ready pods with an address count, as behind a Service; each comes with its node (spec.nodeName).
 */
export function readyPodAddresses(pods: V1Pod[]): FoundAddress[] {
  return pods
    .filter((p) => !p.metadata?.deletionTimestamp && p.status?.podIP)
    .filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((p) => ({ address: p.status!.podIP!, node: p.spec?.nodeName ?? null }));
}

export async function k8sPodLookup(namespace: string, labelSelector: string): Promise<() => Promise<FoundAddress[]>> {
  // Loaded only when configured: the client is large and most installs use DNS.
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  try {
    kc.loadFromDefault();
  } catch (e) {
    throw new Error(`HOLOCRON_AGENTS: cannot load Kubernetes credentials (service account or KUBECONFIG): ${(e as Error).message}`);
  }
  const api = kc.makeApiClient(k8s.CoreV1Api);
  return async () => readyPodAddresses((await api.listNamespacedPod({ namespace, labelSelector })).items);
}
