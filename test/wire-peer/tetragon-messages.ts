import { bool, bytes, encode, mapEntry, message, packed, string, timestamp, uint64, varint, wrappedBool, wrappedU32, int32 } from './proto-writer';

/**
 * Hand-written Tetragon GetEventsResponse messages (field numbers from WIRE.md) and the JSON
 * `tetra getevents -o json` prints for them. 2026-11-22T09:14:03Z = 1795338843 s.
 */
const T = 1795338843;

const pod = message(
  10,
  string(1, 'default'),
  string(2, 'deathstar-6c94dcc57b-7xk2p'),
  message(4, string(1, 'containerd://0ed7f0a2f9f4'), string(2, 'deathstar'), message(3, string(1, 'quay.io/cilium/starwars@sha256:8e86'), string(2, 'quay.io/cilium/starwars:v2.1')), timestamp(4, T - 3600, 0), wrappedU32(5, 1)),
  mapEntry(5, 'class', 'deathstar'),
  mapEntry(5, 'org', 'empire'),
  string(6, 'deathstar'),
  string(7, 'Deployment'),
);

const killProcess = [
  string(1, 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTExMTM5MDoxMDA5MDU='),
  wrappedU32(2, 100905),
  wrappedU32(3, 0), // uid 0: a wrapper, so it must still appear
  string(4, '/'),
  string(5, '/usr/bin/kill'),
  string(6, '-9 1'),
  string(7, 'execve rootcwd clone'),
  timestamp(8, T, 452313491),
  wrappedU32(9, 4294967295),
  pod,
  string(11, '0ed7f0a2f9f425f'),
  string(12, 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTAwMDAwMDoxMDA5MDQ='),
  message(14, packed(1, [12, 21, 1]), packed(2, [21, 0])),
  message(15, message(1, varint(1, 4026532301)), message(6, varint(1, 4026532305), bool(2, false))),
  wrappedU32(16, 100905),
  wrappedBool(20, false),
  string(9999, 'a field this schema does not know'), // unknown fields: kept as bytes under _holocron, left out of the export
];

export const tetragonFrames: Uint8Array[] = [
  encode(
    message(1, message(1, ...killProcess), message(2, string(1, 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTAwMDAwMDoxMDA5MDQ='), wrappedU32(2, 100904), string(5, '/bin/sh'))),
    string(1000, 'kind-worker2'),
    timestamp(1001, T, 452313491),
    string(1003, 'empire'),
    mapEntry(1004, 'kubernetes.io/hostname', 'kind-worker2'),
  ),
  encode(
    message(
      9,
      message(1, string(1, 'a2luZC13b3JrZXI6NDUzNDAwNzkxOTk4NTozMjQ2MA=='), string(5, '/usr/bin/curl')),
      string(3, 'tcp_connect'),
      message(4, message(9, string(1, 'AF_INET'), string(2, 'SOCK_STREAM'), string(3, 'IPPROTO_TCP'), string(6, '10.244.1.17'), string(7, '10.96.12.4'), varint(8, 45200), varint(9, 80), uint64(10, '18446623580236211840'), string(11, 'TCP_SYN_SENT'))),
      message(4, int32(2, 0)), // a oneof member at zero is kept
      message(4, uint64(4, '9007199254740993'), string(18, 'len')),
      message(4, bytes(5, new Uint8Array([0, 1, 2, 250]))),
      message(5, int32(2, -11)),
      varint(6, 1),
      string(8, 'connect'),
      string(11, 'network'),
    ),
    string(1000, 'kind-worker'),
    timestamp(1001, T, 461000000),
  ),
  encode(
    message(5, message(1, string(1, 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTExMTM5MDoxMDA5MDU='), string(5, '/usr/bin/deathstar')), string(3, 'SIGKILL'), varint(4, 0), timestamp(5, T + 1, 0)),
    string(1000, 'kind-worker2'),
    timestamp(1001, T + 1, 0),
  ),
  encode(message(40001, uint64(1, '17')), string(1000, 'kind-worker'), timestamp(1001, T + 2, 0)),
];

export const expectedTetragon = [
  {
    process_exec: {
      process: {
        exec_id: 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTExMTM5MDoxMDA5MDU=',
        pid: 100905,
        uid: 0,
        cwd: '/',
        binary: '/usr/bin/kill',
        arguments: '-9 1',
        flags: 'execve rootcwd clone',
        start_time: '2026-11-22T09:14:03.452313491Z',
        auid: 4294967295,
        pod: {
          namespace: 'default',
          name: 'deathstar-6c94dcc57b-7xk2p',
          container: {
            id: 'containerd://0ed7f0a2f9f4',
            name: 'deathstar',
            image: { id: 'quay.io/cilium/starwars@sha256:8e86', name: 'quay.io/cilium/starwars:v2.1' },
            start_time: '2026-11-22T08:14:03Z',
            pid: 1,
          },
          pod_labels: { class: 'deathstar', org: 'empire' },
          workload: 'deathstar',
          workload_kind: 'Deployment',
        },
        docker: '0ed7f0a2f9f425f',
        parent_exec_id: 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTAwMDAwMDoxMDA5MDQ=',
        cap: { permitted: ['CAP_NET_ADMIN', 'CAP_SYS_ADMIN', 'DAC_OVERRIDE'], effective: ['CAP_SYS_ADMIN', 'CAP_CHOWN'] },
        ns: { uts: { inum: 4026532301 }, net: { inum: 4026532305 } },
        tid: 100905,
        in_init_tree: false,
      },
      parent: { exec_id: 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTAwMDAwMDoxMDA5MDQ=', pid: 100904, binary: '/bin/sh' },
    },
    node_name: 'kind-worker2',
    time: '2026-11-22T09:14:03.452313491Z',
    cluster_name: 'empire',
    node_labels: { 'kubernetes.io/hostname': 'kind-worker2' },
  },
  {
    process_kprobe: {
      process: { exec_id: 'a2luZC13b3JrZXI6NDUzNDAwNzkxOTk4NTozMjQ2MA==', binary: '/usr/bin/curl' },
      function_name: 'tcp_connect',
      args: [
        {
          sock_arg: {
            family: 'AF_INET',
            type: 'SOCK_STREAM',
            protocol: 'IPPROTO_TCP',
            saddr: '10.244.1.17',
            daddr: '10.96.12.4',
            sport: 45200,
            dport: 80,
            cookie: '18446623580236211840',
            state: 'TCP_SYN_SENT',
          },
        },
        { int_arg: 0 },
        { size_arg: '9007199254740993', label: 'len' },
        { bytes_arg: 'AAEC+g==' },
      ],
      return: { int_arg: -11 },
      action: 'KPROBE_ACTION_POST',
      policy_name: 'connect',
      tags: ['network'],
    },
    node_name: 'kind-worker',
    time: '2026-11-22T09:14:03.461Z',
  },
  {
    process_exit: {
      process: { exec_id: 'a2luZC13b3JrZXIyOjkzMTM4MzA4OTExMTM5MDoxMDA5MDU=', binary: '/usr/bin/deathstar' },
      signal: 'SIGKILL',
      time: '2026-11-22T09:14:04Z',
    },
    node_name: 'kind-worker2',
    time: '2026-11-22T09:14:04Z',
  },
  // A loss notice is a line of `tetra getevents -o json` too: stored and exported in place.
  { rate_limit_info: { number_of_dropped_process_events: '17' }, node_name: 'kind-worker', time: '2026-11-22T09:14:05Z' },
];
