/**
 * Which map node a flow endpoint belongs to. Workloads are keyed `namespace/workload`; endpoints
 * outside any namespace are Cilium's reserved identities, told apart by their `reserved:` label
 * or their well-known numeric identity, and everything else outside the cluster is `world`.
 */
import type { MapEndpointSample } from '@/lib/domain/service-map/map-sample';
import type { MapNodeKind } from '@/lib/domain/service-map/service-map';
import { workloadNameFromPod } from '@/lib/domain/service-map/pod-workload-name';

export interface NodeIdentity {
  id: string;
  kind: MapNodeKind;
  namespace: string;
  name: string;
}

// Cilium's fixed identity numbers (pkg/identity): 9/10 are world-ipv4/world-ipv6 in dual-stack.
const RESERVED: readonly { kind: Exclude<MapNodeKind, 'workload'>; identities: number[]; labels: string[] }[] = [
  // First: the apiserver often runs on a host and then carries reserved:host too.
  { kind: 'kube-apiserver', identities: [7], labels: ['reserved:kube-apiserver'] },
  { kind: 'host', identities: [1], labels: ['reserved:host'] },
  { kind: 'remote-node', identities: [6], labels: ['reserved:remote-node'] },
  { kind: 'health', identities: [4], labels: ['reserved:health'] },
  { kind: 'init', identities: [5], labels: ['reserved:init'] },
  { kind: 'ingress', identities: [8], labels: ['reserved:ingress'] },
  { kind: 'unmanaged', identities: [3], labels: ['reserved:unmanaged'] },
];

// Names people give the app label, in the order Hubble UI looks for them.
const APP_LABELS = ['k8s:app.kubernetes.io/name=', 'k8s:k8s-app=', 'k8s:app=', 'k8s:name='];

function appLabel(labels: readonly string[]): string {
  for (const prefix of APP_LABELS) {
    const hit = labels.find((l) => l.startsWith(prefix));
    if (hit && hit.length > prefix.length) return hit.slice(prefix.length);
  }
  return '';
}

function special(kind: Exclude<MapNodeKind, 'workload'>): NodeIdentity {
  return { id: kind, kind, namespace: '', name: kind };
}

export function nodeIdentity(e: MapEndpointSample): NodeIdentity {
  // A namespace means a pod we can name, even when it runs in the host network namespace.
  if (e.namespace) {
    const name = e.workload || (e.pod ? workloadNameFromPod(e.pod) : '') || appLabel(e.labels) || 'unknown';
    return { id: `${e.namespace}/${name}`, kind: 'workload', namespace: e.namespace, name };
  }
  for (const r of RESERVED) {
    if (r.labels.some((l) => e.labels.includes(l)) || r.identities.includes(e.identity)) return special(r.kind);
  }
  // reserved:world, identities 2/9/10, CIDR and FQDN identities, or just an IP nobody knows.
  return special('world');
}

/** "k8s:app=x" → "app=x": the source prefix is noise on a card; other prefixes say something. */
export function displayLabel(label: string): string {
  return label.startsWith('k8s:') ? label.slice(4) : label;
}
