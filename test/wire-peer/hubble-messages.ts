import { bool, double, encode, message, string, timestamp, uint64, varint, wrappedBool, wrappedI32, wrappedU32, int32 } from './proto-writer';

/** Hand-written Hubble GetFlowsResponse messages (field numbers from WIRE.md) and their JSON. */
const T = 1795338843;

const endpoint = (n: number, id: number, identity: number, pod: string, labels: string[], workload?: [string, string]) =>
  message(
    n,
    varint(1, id),
    varint(2, identity),
    string(3, 'default'),
    ...labels.map((l) => string(4, l)),
    string(5, pod),
    ...(workload ? [message(6, string(1, workload[0]), string(2, workload[1]))] : []),
  );

export const hubbleFrames: Uint8Array[] = [
  encode(
    message(
      1,
      timestamp(1, T, 470113000),
      varint(2, 1),
      message(5, string(1, '10.244.1.17'), string(2, '10.244.2.31'), varint(3, 1)),
      message(6, message(1, varint(1, 45200), varint(2, 80), message(3, bool(4, true), bool(5, true)))),
      endpoint(8, 1423, 31201, 'tiefighter', ['k8s:class=tiefighter', 'k8s:org=empire']),
      endpoint(9, 877, 40112, 'deathstar-6c94dcc57b-7xk2p', ['k8s:class=deathstar', 'k8s:org=empire'], ['deathstar', 'Deployment']),
      varint(10, 2),
      string(11, 'kind-worker2'),
      message(15, varint(1, 1), uint64(2, '1234'), message(101, varint(2, 0), string(2, 'PUT'), string(3, 'http://deathstar.default.svc.cluster.local/v1/exhaust-port'), string(4, 'HTTP/1.1'), message(5, string(1, 'x-request-id'), string(2, 'abc')))),
      message(19, int32(1, 129)),
      message(21, string(1, 'deathstar'), string(2, 'default')),
      varint(22, 1),
      varint(24, 101),
      wrappedBool(26, false),
      uint64(32, '18446623580236211840'),
      string(34, '5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11'),
      varint(35, 1),
      string(100000, 'HTTP/1.1 PUT http://deathstar.default.svc.cluster.local/v1/exhaust-port'),
      message(21002, string(1, 'rule1'), string(2, 'default'), uint64(4, '3'), string(5, 'CiliumNetworkPolicy')),
    ),
    string(1000, 'kind-worker2'),
    timestamp(1001, T, 470113000),
  ),
  encode(
    message(
      1,
      timestamp(1, T, 500000000),
      varint(2, 2),
      message(5, string(1, '10.244.1.23'), string(2, '10.244.2.31'), varint(3, 1), bool(4, true)),
      message(6, message(1, varint(1, 51000), varint(2, 80), message(3, bool(2, true)))),
      endpoint(8, 1500, 28000, 'xwing', ['k8s:class=xwing', 'k8s:org=alliance']),
      endpoint(9, 877, 40112, 'deathstar-6c94dcc57b-7xk2p', ['k8s:class=deathstar', 'k8s:org=empire']),
      varint(10, 1),
      string(11, 'kind-worker2'),
      message(19, int32(1, 1), int32(2, 133)),
      varint(22, 1),
      varint(25, 133),
      wrappedBool(26, true),
      string(34, '9b6f3c1e-0000-4a55-9d3e-1f6f1e0c2a12'),
      message(21005, string(1, 'rule1'), string(2, 'default'), string(5, 'CiliumNetworkPolicy')),
    ),
    string(1000, 'kind-worker2'),
    timestamp(1001, T, 500000000),
  ),
  encode(message(3, varint(1, 3), uint64(2, '42'), wrappedI32(3, 0)), string(1000, 'kind-worker'), timestamp(1001, T + 1, 0)),
];

export const expectedHubble = [
  {
    flow: {
      time: '2026-11-22T09:14:03.470113Z',
      verdict: 'FORWARDED',
      IP: { source: '10.244.1.17', destination: '10.244.2.31', ipVersion: 'IPv4' },
      l4: { TCP: { source_port: 45200, destination_port: 80, flags: { PSH: true, ACK: true } } },
      source: { ID: 1423, identity: 31201, namespace: 'default', labels: ['k8s:class=tiefighter', 'k8s:org=empire'], pod_name: 'tiefighter' },
      destination: {
        ID: 877,
        identity: 40112,
        namespace: 'default',
        labels: ['k8s:class=deathstar', 'k8s:org=empire'],
        pod_name: 'deathstar-6c94dcc57b-7xk2p',
        workloads: [{ name: 'deathstar', kind: 'Deployment' }],
      },
      Type: 'L7',
      node_name: 'kind-worker2',
      l7: {
        type: 'REQUEST',
        latency_ns: '1234',
        http: {
          method: 'PUT',
          url: 'http://deathstar.default.svc.cluster.local/v1/exhaust-port',
          protocol: 'HTTP/1.1',
          headers: [{ key: 'x-request-id', value: 'abc' }],
        },
      },
      event_type: { type: 129 },
      destination_service: { name: 'deathstar', namespace: 'default' },
      traffic_direction: 'INGRESS',
      trace_observation_point: 'TO_ENDPOINT',
      is_reply: false,
      socket_cookie: '18446623580236211840',
      uuid: '5f0d7c4e-3f2a-4a55-9d3e-1f6f1e0c2a11',
      auth_type: 'SPIRE',
      Summary: 'HTTP/1.1 PUT http://deathstar.default.svc.cluster.local/v1/exhaust-port',
      ingress_allowed_by: [{ name: 'rule1', namespace: 'default', revision: '3', kind: 'CiliumNetworkPolicy' }],
    },
    node_name: 'kind-worker2',
    time: '2026-11-22T09:14:03.470113Z',
  },
  {
    flow: {
      time: '2026-11-22T09:14:03.500Z',
      verdict: 'DROPPED',
      IP: { source: '10.244.1.23', destination: '10.244.2.31', ipVersion: 'IPv4', encrypted: true },
      l4: { TCP: { source_port: 51000, destination_port: 80, flags: { SYN: true } } },
      source: { ID: 1500, identity: 28000, namespace: 'default', labels: ['k8s:class=xwing', 'k8s:org=alliance'], pod_name: 'xwing' },
      destination: { ID: 877, identity: 40112, namespace: 'default', labels: ['k8s:class=deathstar', 'k8s:org=empire'], pod_name: 'deathstar-6c94dcc57b-7xk2p' },
      Type: 'L3_L4',
      node_name: 'kind-worker2',
      event_type: { type: 1, sub_type: 133 },
      traffic_direction: 'INGRESS',
      drop_reason_desc: 'POLICY_DENIED',
      is_reply: true,
      uuid: '9b6f3c1e-0000-4a55-9d3e-1f6f1e0c2a12',
      ingress_denied_by: [{ name: 'rule1', namespace: 'default', kind: 'CiliumNetworkPolicy' }],
    },
    node_name: 'kind-worker2',
    time: '2026-11-22T09:14:03.500Z',
  },
  // `hubble observe -o json` prints lost_events as a line: stored and exported in place.
  { lost_events: { source: 'HUBBLE_RING_BUFFER', num_events_lost: '42', cpu: 0 }, node_name: 'kind-worker', time: '2026-11-22T09:14:04Z' },
];

/** Unused helpers keep the writer's whole surface exercised by the peer. */
export const serverStatusFrame = encode(uint64(1, '2'), uint64(2, '4095'), uint64(3, '10'), uint64(4, '1000000000'), wrappedU32(5, 3), wrappedU32(6, 0), string(8, 'peer'), double(9, 1.5));
