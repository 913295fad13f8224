/**
 * A pod with 10,001 processes (a server forking 100 shells that run 99 commands each), one of them
 * with hostile arguments, as `tetra getevents -o json` lines timed a few minutes ago.
 */
export const HOSTILE_ARGS = '\u202e<img src=x onerror="window.__pwned=1">\n\u001b[31mred';
export function stressPodNdjson(startMs: number): string {
  const node = 'kind-worker';
  const iso = (ms: number) => new Date(ms).toISOString();
  const execIdOf = (pid: number, ms: number) => Buffer.from(`${node}:${Math.round(ms * 1e6)}:${pid}`).toString('base64');
  const pod = { namespace: 'load', name: 'stress-0', container: { id: 'containerd://5e5e', name: 'stress', image: { name: 'busybox:1.36' } }, pod_labels: { app: 'stress' }, workload: 'stress', workload_kind: 'Deployment' };
  const shim = { exec_id: execIdOf(900, startMs - 60_000), pid: 900, binary: '/usr/bin/containerd-shim-runc-v2', start_time: iso(startMs - 60_000) };
  const lines: string[] = [];
  const proc = (pid: number, ms: number, binary: string, args: string, parent: { exec_id: string; pid: number; binary: string }) => ({
    exec_id: execIdOf(pid, ms), pid, uid: 0, cwd: '/', binary, ...(args ? { arguments: args } : {}), flags: 'execve clone', start_time: iso(ms), pod, parent_exec_id: parent.exec_id,
  });
  const exec = (p: ReturnType<typeof proc>, parent: object) => lines.push(JSON.stringify({ process_exec: { process: p, parent }, node_name: node, time: p.start_time }));
  const exit = (p: ReturnType<typeof proc>, ms: number) => lines.push(JSON.stringify({ process_exit: { process: p, time: iso(ms) }, node_name: node, time: iso(ms) }));
  const server = proc(1000, startMs, '/usr/bin/stress-server', '--listen :8080', shim);
  exec(server, shim);
  for (let i = 0; i < 100; i++) {
    const t = startMs + 100 + i * 100;
    const sh = proc(2000 + i * 100, t, '/bin/sh', '-c handler', server);
    exec(sh, server);
    for (let j = 0; j < 99; j++) {
      const c = proc(2001 + i * 100 + j, t + 1 + j * 0.5, '/usr/bin/true', i === 99 && j === 98 ? HOSTILE_ARGS : `step-${j}`, sh);
      exec(c, sh);
      exit(c, t + 1.2 + j * 0.5);
    }
    exit(sh, t + 60);
  }
  return `${lines.join('\n')}\n`;
}

