/**
 * The `empire` kind cluster of SCENARIO.md as constants: nodes, pods, services and the one
 * CiliumNetworkPolicy. Fixed rather than seeded: a real cluster keeps its pod names, IPs and
 * identities when an agent restarts, and the docs and e2e tests can name them.
 */
import type { EndpointJson, PolicyJson, WorkloadJson } from '@/lib/domain/wire-types';

export const CLUSTER_NAME = 'empire';

export type NodeName = 'kind-control-plane' | 'kind-worker' | 'kind-worker2';

export interface NodeFixture {
  name: NodeName;
  /** Address of the kind node container on the docker network. */
  ip: string;
  /** Cilium's router address on the node: the source of host-originated traffic (kubelet). */
  ciliumHostIp: string;
  /** Shifts the node's boot time so the three nodes do not share kernel clocks. */
  bootSkewSeconds: number;
}

export const NODES: Record<NodeName, NodeFixture> = {
  'kind-control-plane': { name: 'kind-control-plane', ip: '172.18.0.3', ciliumHostIp: '10.244.0.118', bootSkewSeconds: 0 },
  'kind-worker': { name: 'kind-worker', ip: '172.18.0.2', ciliumHostIp: '10.244.1.90', bootSkewSeconds: 41 },
  'kind-worker2': { name: 'kind-worker2', ip: '172.18.0.4', ciliumHostIp: '10.244.2.154', bootSkewSeconds: 58 },
};
export const NODE_NAMES = Object.keys(NODES) as NodeName[];

export interface PodFixture {
  namespace: string;
  name: string;
  uid: string;
  node: NodeName;
  ip: string;
  labels: Record<string, string>;
  workload: string;
  workloadKind: 'Deployment' | 'Pod';
  container: { name: string; id: string; image: { id: string; name: string } };
  /** The pod sandbox id: what its containerd-shim-runc-v2 is started with (`-id`). */
  sandboxId: string;
  endpointId: number;
  identity: number;
  /** Effective (and permitted) capabilities of the container's processes. */
  caps: string[];
  /** First inode number of the pod's namespaces; each kind gets a fixed offset from it. */
  nsInumBase: number;
}

const DEFAULT_CAPS = [
  'CAP_CHOWN', 'DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_NET_RAW', 'CAP_SYS_CHROOT', 'CAP_MKNOD',
  'CAP_AUDIT_WRITE', 'CAP_SETFCAP',
];
// The deathstar's securityContext adds NET_ADMIN and SYS_ADMIN: the reason `kill -9 1` and log
// tampering succeed from a request handler. Kept in enum order, as Tetragon prints them.
const DEATHSTAR_CAPS = [
  'CAP_CHOWN', 'DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_SYS_CHROOT',
  'CAP_SYS_ADMIN', 'CAP_MKNOD', 'CAP_AUDIT_WRITE', 'CAP_SETFCAP',
];

const STARWARS_IMAGE = {
  id: 'quay.io/cilium/starwars@sha256:896dc536ec505778c03efedb73c3b7b83c8de11e74264c8c35291ff6d5fe8ada',
  name: 'quay.io/cilium/starwars:v2.1',
};
const SPACESHIP_IMAGE = {
  id: 'quay.io/cilium/json-mock@sha256:8e86ce1fb5bd2f8d2e0b5ab4d3fa57f4d1a2e8aa8b6c4e1f0c2b5d7e9a1c3f50',
  name: 'quay.io/cilium/json-mock:v1.3.8',
};
const COREDNS_IMAGE = {
  id: 'registry.k8s.io/coredns/coredns@sha256:1eeb4c7316bacb1d4c8ead65571cd92dd21e27359f0d4917f1a5822a73b75db1',
  name: 'registry.k8s.io/coredns/coredns:v1.11.1',
};

const empire = (cls: string) => ({ class: cls, org: 'empire' });

export const DEATHSTAR_W1: PodFixture = {
  namespace: 'default', name: 'deathstar-6c94dcc57b-m9qvz', uid: '27999ffc-9938-4ed6-a711-30b3a7916a92',
  node: 'kind-worker', ip: '10.244.1.203', labels: empire('deathstar'),
  workload: 'deathstar', workloadKind: 'Deployment',
  container: { name: 'deathstar', id: '4a873d2a98e836798907754992c7baae437bfca0634d09112e7b1c54ff6d14e5', image: STARWARS_IMAGE },
  sandboxId: 'f387eb80988ba6b1e381ef88411bff69baba596d47b3a15759889d3a7eacc37e',
  endpointId: 391, identity: 40112, caps: DEATHSTAR_CAPS, nsInumBase: 4026532301,
};

/** The replica the incident hits. */
export const DEATHSTAR_W2: PodFixture = {
  namespace: 'default', name: 'deathstar-6c94dcc57b-7xk2p', uid: '3d80a4df-149f-4bf3-98da-9331b079d01c',
  node: 'kind-worker2', ip: '10.244.2.31', labels: empire('deathstar'),
  workload: 'deathstar', workloadKind: 'Deployment',
  container: { name: 'deathstar', id: '61d987bc2b2c696859b84fa3643898ac1a14127ec14b162ee5b1feb10ef17bcf', image: STARWARS_IMAGE },
  sandboxId: 'd7a74320c3fe789716b8d7bf50d47352d2772e4cd19c08fa851084d51370050f',
  endpointId: 877, identity: 40112, caps: DEATHSTAR_CAPS, nsInumBase: 4026532412,
};

export const TIEFIGHTER: PodFixture = {
  namespace: 'default', name: 'tiefighter', uid: 'd14cb7fd-02fd-45e3-81cd-02843506524c',
  node: 'kind-worker', ip: '10.244.1.17', labels: empire('tiefighter'),
  workload: 'tiefighter', workloadKind: 'Pod',
  container: { name: 'spaceship', id: '6923f61af60783a3adc4048fb6fb29e36e5c9f1b1016865d4fadffd2b3d7573d', image: SPACESHIP_IMAGE },
  sandboxId: '3a9a9494c09b9bb9e6744e81b2555e7c622adc8380adef44bfa67333654f6f97',
  endpointId: 1423, identity: 31201, caps: DEFAULT_CAPS, nsInumBase: 4026532356,
};

export const XWING: PodFixture = {
  namespace: 'default', name: 'xwing', uid: 'e3d647ab-8b7f-41d0-800d-100ae0503af0',
  node: 'kind-worker', ip: '10.244.1.82', labels: { class: 'xwing', org: 'alliance' },
  workload: 'xwing', workloadKind: 'Pod',
  container: { name: 'spaceship', id: '613216d441ffd4d2a47b8e4206cddafd38070d2de84365ba2d266fdb1826c4c3', image: SPACESHIP_IMAGE },
  sandboxId: 'c5534dc89269a1707b3ce4d8e5fb336f6fa7c989a01d23e2cd91a8f1dca117e1',
  endpointId: 2071, identity: 18843, caps: DEFAULT_CAPS, nsInumBase: 4026532378,
};

const coredns = (name: string, uid: string, ip: string, cid: string, sandbox: string, ep: number, ns: number): PodFixture => ({
  namespace: 'kube-system', name, uid, node: 'kind-control-plane', ip, labels: { 'k8s-app': 'kube-dns' },
  workload: 'coredns', workloadKind: 'Deployment',
  container: { name: 'coredns', id: cid, image: COREDNS_IMAGE },
  sandboxId: sandbox, endpointId: ep, identity: 7325, caps: ['CAP_NET_BIND_SERVICE'], nsInumBase: ns,
});
export const COREDNS_A = coredns('coredns-7db6d8ff4d-4xj2k', '1f6f4da0-457c-40bb-a630-dc3e4f233c4d', '10.244.0.5',
  '9c3125b85ec1fa6f725d00089a4baaececefb47dee09d2d4aaca7833e2e2d124',
  'c1fe5b51bd0a649267a0fae274c7e5f198b28559e3022b856f4829d0d758de77', 3301, 4026532210);
export const COREDNS_B = coredns('coredns-7db6d8ff4d-wbq8n', '8b3409bf-d3f8-4a26-abae-1644c7318b04', '10.244.0.7',
  '35fd1f77e4ecc40d7c98adf1a0fbb0d0beeb5aaec789ec2d8f3e6e7d765e9856',
  '0f62f82264c76ee8dfb06bdea80c13d952880d6185539e9387e7cb45d58bfe31', 154, 4026532245);

export const PODS: readonly PodFixture[] = [DEATHSTAR_W1, DEATHSTAR_W2, TIEFIGHTER, XWING, COREDNS_A, COREDNS_B];

export interface ServiceFixture { name: string; namespace: string; clusterIp: string; port: number }
export const DEATHSTAR_SERVICE: ServiceFixture = { name: 'deathstar', namespace: 'default', clusterIp: '10.96.47.138', port: 80 };
export const KUBE_DNS_SERVICE: ServiceFixture = { name: 'kube-dns', namespace: 'kube-system', clusterIp: '10.96.0.10', port: 53 };
export const DEATHSTAR_FQDN = 'deathstar.default.svc.cluster.local';
export const UPSTREAM_DNS_IP = '8.8.8.8';

/** rule1 lets org=empire reach the deathstar on TCP/80 — at L3/L4 only, which is the hole. */
export const RULE1: PolicyJson = {
  name: 'rule1',
  namespace: 'default',
  labels: [
    'k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy',
    'k8s:io.cilium.k8s.policy.name=rule1',
    'k8s:io.cilium.k8s.policy.namespace=default',
  ],
  revision: '3',
  kind: 'CiliumNetworkPolicy',
};

/** The Hubble view of a pod: Cilium adds the namespace label; bare pods have no workloads. */
export function endpointOf(pod: PodFixture): EndpointJson {
  const labels = Object.entries(pod.labels).map(([k, v]) => `k8s:${k}=${v}`);
  labels.push(`k8s:io.kubernetes.pod.namespace=${pod.namespace}`);
  labels.sort();
  const workloads: WorkloadJson[] = pod.workloadKind === 'Pod' ? [] : [{ name: pod.workload, kind: pod.workloadKind }];
  return {
    ID: pod.endpointId,
    identity: pod.identity,
    namespace: pod.namespace,
    labels,
    pod_name: pod.name,
    ...(workloads.length > 0 ? { workloads } : {}),
  };
}

export const HOST_ENDPOINT: EndpointJson = { identity: 1, labels: ['reserved:host'] };
export const WORLD_ENDPOINT: EndpointJson = { identity: 2, labels: ['reserved:world'] };
