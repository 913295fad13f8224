/**
 * Events whose every attacker-controlled string is hostile: markup and script, ANSI escapes,
 * newlines that fake a second log line, NUL, a bidi override, invalid UTF-8 and a 1 MiB argument.
 * Each payload that would run sets window.__pwned, so a test can tell whether anything executed.
 */
export const T0 = '2026-11-22T09:00:00.000000000Z';
const at = (s: number) => new Date(Date.parse('2026-11-22T09:00:00Z') + s * 1000).toISOString().replace('Z', '000000Z').replace(/\.(\d{3})0+Z$/, '.$1000000Z');

export const HOSTILE = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
  ansi: '\u001b[31mRED\u001b[0m',
  bidi: '\u202Egnp.exe',
  fakeLine: 'ok\n🚀 process default/other /bin/true',
  nul: 'a\u0000b',
};

const argsText = `-c "${HOSTILE.img} ${HOSTILE.script} ${HOSTILE.ansi} ${HOSTILE.bidi} ${HOSTILE.fakeLine} ${HOSTILE.nul}"`;

const pod = (name: string) => ({
  namespace: 'default',
  name,
  container: { id: 'containerd://0123456789abcdef', name: `c${HOSTILE.script}`, image: { name: `img${HOSTILE.img}` }, pid: 7 },
  pod_labels: { app: `<b>bold</b>${HOSTILE.ansi}`, [`evil${HOSTILE.bidi}`]: HOSTILE.img },
  workload: `wl${HOSTILE.img}`,
  workload_kind: 'Deployment',
});

const shim = { exec_id: 'aG9zdDoxOjE=', pid: 900, binary: '/usr/bin/containerd-shim-runc-v2' };
const shell = {
  exec_id: 'dmljdGltOjI6Mg==',
  pid: 1000,
  uid: 0,
  cwd: `/tmp/${HOSTILE.img}`,
  binary: '/bin/sh',
  arguments: argsText,
  start_time: at(1),
  pod: pod('victim'),
  parent_exec_id: shim.exec_id,
};
const child = {
  exec_id: 'dmljdGltOjM6Mw==',
  pid: 1001,
  uid: 0,
  cwd: '/',
  binary: `/tmp/${HOSTILE.script}`,
  arguments: 'x'.repeat(1024 * 1024),
  start_time: at(2),
  pod: pod('victim'),
  parent_exec_id: shell.exec_id,
};

export function hostileNdjson(): Uint8Array {
  const lines = [
    { process_exec: { process: shell, parent: shim }, node_name: `node${HOSTILE.img}`, time: at(1) },
    { process_exec: { process: child, parent: shell }, node_name: 'kind-worker', time: at(2) },
    {
      process_kprobe: {
        process: shell,
        parent: shim,
        function_name: 'security_file_permission',
        policy_name: `policy${HOSTILE.img}`,
        args: [{ file_arg: { path: `/etc/shadow${HOSTILE.img}` } }, { int_arg: 4 }],
        action: 'KPROBE_ACTION_POST',
      },
      node_name: 'kind-worker',
      time: at(3),
    },
    { process_exit: { process: child, parent: shell, signal: `SIG${HOSTILE.img}` }, node_name: 'kind-worker', time: at(4) },
    {
      flow: {
        time: at(5),
        uuid: 'aaaaaaaa-0000-4000-8000-000000000001',
        verdict: 'FORWARDED',
        IP: { source: '10.244.9.9', destination: '10.244.9.10', ipVersion: 'IPv4' },
        l4: { TCP: { source_port: 40000, destination_port: 80 } },
        source: { identity: 5, namespace: 'default', labels: [`k8s:app=${HOSTILE.script}`], pod_name: `evil${HOSTILE.img}` },
        destination: { identity: 6, namespace: 'default', labels: [`k8s:app=${HOSTILE.ansi}`], pod_name: 'victim', workloads: [{ name: `wl${HOSTILE.img}`, kind: 'Deployment' }] },
        Type: 'L7',
        node_name: 'kind-worker',
        l7: { type: 'REQUEST', http: { method: 'GET', url: `http://victim/${HOSTILE.script}${HOSTILE.ansi}${HOSTILE.bidi}`, protocol: 'HTTP/1.1' } },
        traffic_direction: 'INGRESS',
        Summary: `${HOSTILE.fakeLine}${HOSTILE.img}`,
      },
      node_name: 'kind-worker',
      time: at(5),
    },
  ];
  const text = lines.map((l) => JSON.stringify(l)).join('\n');
  // Invalid UTF-8 inside a string: bytes 0xff 0xfe where the node name of one more event goes.
  const bad = JSON.stringify({ process_exit: { process: shell, parent: shim, status: 3 }, node_name: 'BADUTF8', time: at(6) });
  const [head, tail] = bad.split('BADUTF8') as [string, string];
  const enc = new TextEncoder();
  return new Uint8Array([...enc.encode(`${text}\n${head}`), 0xff, 0xfe, ...enc.encode(`${tail}\n`)]);
}
