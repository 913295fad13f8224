/**
 * The bpftrace program the ebpf source runs. Tracepoints only (kprobes/kfuncs are not available
 * on the machines this runs on), BTF for reading `curtask`, sockets and skbs.
 *
 * Every line starts with a per-run random nonce and a one-letter tag, fields separated by tabs,
 * free text (paths, arguments, HTTP bytes) last. A string that holds a newline continues on the
 * next output line without the nonce, so the parser can glue it back; a process cannot forge a
 * record because it cannot know the nonce (the script file is private and removed once loaded).
 *
 * bpftrace 0.17 keeps strings on the 512-byte BPF stack: one str() per printf, at most 200 bytes
 * (BPFTRACE_STRLEN), and argv is printed one element per line.
 */
export const STRLEN = 200;
export const MAX_ARGS = 32;

export interface ScriptOptions {
  nonce: string;
  /** Path prefixes whose opens, truncations and unlinks are reported. */
  watchPrefixes: readonly string[];
  /** Kernel drop reasons (numbers on this kernel) that are not network drops worth a flow. */
  ignoredDropReasons: readonly number[];
  /** sched_process_exit has `group_dead` on newer kernels; older ones fall back to pid == tid. */
  exitHasGroupDead: boolean;
  /** kernel_cap_t is one u64 (`.val`) since Linux 6.3, two u32 (`.cap[0]`, `.cap[1]`) before. */
  capsAreU64: boolean;
}

// Line tags, shared with the parser.
export const TAG = {
  arg: 'A', // tid idx text — one argv element of an execve attempt
  execve: 'B', // tid argc filename — an execve attempt (its argv precedes it)
  // pid nspid, the inums of the pid pid_for_children mnt uts ipc cgroup time time_for_children
  // user namespaces, cap_eff cap_prm cap_inh (hex) — printed just before the exec record
  task: 'P', // the namespaces and credentials of a task that just exec'd
  exec: 'E', // pid old_pid ppid ktime uid auid netns filename — a successful exec
  fork: 'F', // ppid child ktime — a new process (threads excluded)
  exit: 'X', // pid ktime exit_code group_exit_code
  connect: 'C', // pid ktime sk family saddr daddr sport dport netns — connect() in process context
  accept: 'K', // pid ktime sk family saddr daddr sport dport netns — accept() returned
  state: 'S', // pid ktime sk old new family saddr daddr sport dport netns — TCP state change
  open: 'O', // pid ktime ret flags path — open of a watched path (ret = fd or -errno)
  truncate: 'T', // pid ktime ret 0 path — truncate(path) of a watched path
  ftruncate: 't', // pid ktime fd — ftruncate() of an fd opened on a watched path
  unlink: 'U', // pid ktime ret flags path — unlink of a watched path
  http: 'H', // pid ktime sk family saddr daddr sport dport netns text — HTTP/1 bytes written
  drop: 'D', // ktime reason family saddr daddr proto sport dport tcpflags netns — kernel drop
} as const;

// First four bytes of a buffer, little-endian, for the HTTP/1 methods and the status line.
const HTTP_PREFIXES = ['GET ', 'POST', 'PUT ', 'HEAD', 'DELE', 'PATC', 'OPTI', 'HTTP'].map((s) =>
  [...s].reduceRight((acc, ch) => acc * 256 + ch.charCodeAt(0), 0),
);

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

function watchCondition(v: string, prefixes: readonly string[]): string {
  if (prefixes.length === 0) return '0';
  return prefixes.map((p) => `strncmp(${v}, "${esc(p)}", ${Buffer.byteLength(p)}) == 0`).join(' || ');
}

/** printf of a socket's local/remote addresses; v4 and v6 need different reads. */
function sockPrintf(tag: string, nonce: string, lead: string, leadArgs: string, sk: string, tail = '', tailArgs = ''): string {
  const c = `${sk}->__sk_common`;
  const fmt = (family: number) => `"${nonce}${tag}\\t${lead}\\t%llx\\t${family}\\t%s\\t%s\\t%d\\t%d\\t%u${tail}\\n"`;
  return `
    if (${c}.skc_family == 2) {
      printf(${fmt(2)}, ${leadArgs}, ${sk}, ntop(${c}.skc_rcv_saddr), ntop(${c}.skc_daddr), ${c}.skc_num, bswap(${c}.skc_dport), ${c}.skc_net.net->ns.inum${tailArgs});
    } else if (${c}.skc_family == 10) {
      printf(${fmt(10)}, ${leadArgs}, ${sk}, ntop(${c}.skc_v6_rcv_saddr.in6_u.u6_addr8), ntop(${c}.skc_v6_daddr.in6_u.u6_addr8), ${c}.skc_num, bswap(${c}.skc_dport), ${c}.skc_net.net->ns.inum${tailArgs});
    }`;
}

/** The struct sock behind fd `fd` of the current task, or 0 when the fd is not a socket. */
function sockOfFd(fd: string): string {
  return `
    $f = *(curtask->files->fdt->fd + ${fd});
    $sk = (struct sock *)0;
    if ($f != 0 && ($f->f_inode->i_mode & 0xf000) == 0xc000) {
      $sk = ((struct socket *)$f->private_data)->sk;
    }`;
}

function httpProbe(probe: string, fd: string, bufExpr: string, n: string): string {
  const conds = HTTP_PREFIXES.map((w) => `$w == ${w}`).join(' || ');
  return `
${probe} {
  $b = ${bufExpr};
  $w = *(uint32 *)uptr($b);
  if (${conds}) {
    ${sockOfFd(fd)}
    if ($sk != 0) {
      ${sockPrintf(TAG.http, n, '%d\\t%llu', 'pid, nsecs', '$sk', '\\t%s', ', str($b)')}
    }
  }
}`;
}

/**
 * The exec records: the task's context, then the exec itself (two printfs, as one would pass the
 * 512-byte BPF stack next to the 200-byte filename). The pid as the process sees it is the
 * `upid` at the task's own level of its `struct pid`: `numbers[]` is a flexible array at the
 * end of the struct, so it starts at sizeof(struct pid) (bpftrace 0.17 indexes arrays by
 * constants only and has no offsetof). Credentials and namespaces are read after the exec, as
 * Tetragon's exec event reports them.
 */
function execProbeBody(n: string, capsAreU64: boolean): string {
  const cap = (set: string) =>
    capsAreU64 ? `curtask->cred->${set}.val` : `((uint64)curtask->cred->${set}.cap[1] << 32) | curtask->cred->${set}.cap[0]`;
  const ns = (field: string) => `curtask->nsproxy->${field}->ns.inum`;
  return `$tp = curtask->thread_pid;
  $up = (struct upid *)((uint64)$tp + sizeof(struct pid) + $tp->level * sizeof(struct upid));
  printf("${n}${TAG.task}\\t%d\\t%d\\t%u\\t%u\\t%u\\t%u\\t%u\\t%u\\t%u\\t%u\\t%u\\t%llx\\t%llx\\t%llx\\n",
    pid, $up->nr, $up->ns->ns.inum, ${ns('pid_ns_for_children')}, ${ns('mnt_ns')}, ${ns('uts_ns')}, ${ns('ipc_ns')},
    ${ns('cgroup_ns')}, ${ns('time_ns')}, ${ns('time_ns_for_children')}, curtask->cred->user_ns->ns.inum,
    ${cap('cap_effective')}, ${cap('cap_permitted')}, ${cap('cap_inheritable')});
  printf("${n}${TAG.exec}\\t%d\\t%d\\t%d\\t%llu\\t%d\\t%u\\t%u\\t%s\\n", pid, args->old_pid, curtask->real_parent->tgid, nsecs, uid, curtask->loginuid.val, ${ns('net_ns')}, str(args->filename));`;
}

export function bpftraceScript(o: ScriptOptions): string {
  const n = o.nonce;
  const exitFilter = o.exitHasGroupDead ? 'args->group_dead' : 'pid == tid';
  const dropFilter = o.ignoredDropReasons.map((r) => `args->reason != ${r}`).join(' && ') || '1';
  const watched = (v: string) => watchCondition(v, o.watchPrefixes);
  const execArgs = (probe: string) => `
${probe} {
  $i = 0;
  while ($i < ${MAX_ARGS}) {
    $p = *(args->argv + $i);
    if ($p == 0) { break; }
    printf("${n}${TAG.arg}\\t%d\\t%d\\t%s\\n", tid, $i, str($p));
    $i++;
  }
  printf("${n}${TAG.execve}\\t%d\\t%d\\t%s\\n", tid, $i, str(args->filename));
}`;
  // The path is matched at syscall entry (one str() on the stack) and printed at exit, with the
  // result, from the saved user pointer (a second str() in a separate program).
  const pathProbe = (syscall: string, tag: string, field: string, flags: string) => `
tracepoint:syscalls:sys_enter_${syscall} {
  $p = str(args->${field});
  if (${watched('$p')}) {
    @watch_ptr[tid] = args->${field};
    @watch_flags[tid] = ${flags};
  }
}
tracepoint:syscalls:sys_exit_${syscall} /@watch_ptr[tid]/ {
  printf("${n}${tag}\\t%d\\t%llu\\t%d\\t%d\\t%s\\n", pid, nsecs, args->ret, @watch_flags[tid], str(@watch_ptr[tid]));
  ${tag === TAG.open ? `if (args->ret >= 0) { @watch_fd[pid, args->ret] = 1; }` : ''}
  delete(@watch_ptr[tid]);
  delete(@watch_flags[tid]);
}`;

  return `
${execArgs('tracepoint:syscalls:sys_enter_execve')}
${execArgs('tracepoint:syscalls:sys_enter_execveat')}

tracepoint:sched:sched_process_exec {
  ${execProbeBody(n, o.capsAreU64)}
}

tracepoint:task:task_newtask /(args->clone_flags & 0x10000) == 0/ {
  printf("${n}${TAG.fork}\\t%d\\t%d\\t%llu\\n", pid, args->pid, nsecs);
}

tracepoint:sched:sched_process_exit /${exitFilter}/ {
  printf("${n}${TAG.exit}\\t%d\\t%llu\\t%d\\t%d\\n", pid, nsecs, curtask->exit_code, curtask->signal->group_exit_code);
}

tracepoint:syscalls:sys_enter_connect { @connect_fd[tid] = args->fd + 1; }
tracepoint:syscalls:sys_exit_connect /@connect_fd[tid]/ {
  $fd = @connect_fd[tid] - 1;
  delete(@connect_fd[tid]);
  if (args->ret == 0 || args->ret == -115) {
    ${sockOfFd('$fd')}
    if ($sk != 0 && $sk->sk_protocol == 6) {
      ${sockPrintf(TAG.connect, n, '%d\\t%llu', 'pid, nsecs', '$sk')}
    }
  }
}

tracepoint:syscalls:sys_exit_accept4, tracepoint:syscalls:sys_exit_accept /args->ret >= 0/ {
  ${sockOfFd('args->ret')}
  if ($sk != 0 && $sk->sk_protocol == 6) {
    ${sockPrintf(TAG.accept, n, '%d\\t%llu', 'pid, nsecs', '$sk')}
  }
}

tracepoint:sock:inet_sock_set_state /args->protocol == 6 && (args->newstate == 1 || args->newstate == 7)/ {
  $sk = (struct sock *)args->skaddr;
  if (args->family == 2) {
    printf("${n}${TAG.state}\\t%d\\t%llu\\t%llx\\t%d\\t%d\\t2\\t%s\\t%s\\t%d\\t%d\\t%u\\n", pid, nsecs, args->skaddr, args->oldstate, args->newstate, ntop(args->saddr), ntop(args->daddr), args->sport, args->dport, $sk->__sk_common.skc_net.net->ns.inum);
  } else {
    printf("${n}${TAG.state}\\t%d\\t%llu\\t%llx\\t%d\\t%d\\t10\\t%s\\t%s\\t%d\\t%d\\t%u\\n", pid, nsecs, args->skaddr, args->oldstate, args->newstate, ntop(args->saddr_v6), ntop(args->daddr_v6), args->sport, args->dport, $sk->__sk_common.skc_net.net->ns.inum);
  }
}

${pathProbe('openat', TAG.open, 'filename', 'args->flags')}
${pathProbe('open', TAG.open, 'filename', 'args->flags')}
${pathProbe('truncate', TAG.truncate, 'path', '0')}
${pathProbe('unlinkat', TAG.unlink, 'pathname', 'args->flag')}
${pathProbe('unlink', TAG.unlink, 'pathname', '0')}
tracepoint:syscalls:sys_enter_close /@watch_fd[pid, args->fd]/ { delete(@watch_fd[pid, args->fd]); }
tracepoint:syscalls:sys_enter_ftruncate /@watch_fd[pid, args->fd]/ {
  printf("${n}${TAG.ftruncate}\\t%d\\t%llu\\t%d\\n", pid, nsecs, args->fd);
}

${httpProbe('tracepoint:syscalls:sys_enter_write /args->count >= 16/', 'args->fd', 'args->buf', n)}
${httpProbe('tracepoint:syscalls:sys_enter_sendto /args->len >= 16/', 'args->fd', 'args->buff', n)}
${httpProbe('tracepoint:syscalls:sys_enter_writev /args->vlen >= 1/', 'args->fd', '((struct iovec *)args->vec)->iov_base', n)}
${httpProbe('tracepoint:syscalls:sys_enter_sendmsg', 'args->fd', '((struct iovec *)((struct user_msghdr *)args->msg)->msg_iov)->iov_base', n)}

tracepoint:skb:kfree_skb /${dropFilter}/ {
  $skb = (struct sk_buff *)args->skbaddr;
  if ($skb->dev != 0) {
    $h = $skb->head + $skb->network_header;
    $t = $skb->head + $skb->transport_header;
    if (args->protocol == 0x0800) {
      $ip = (struct iphdr *)$h;
      printf("${n}${TAG.drop}\\t%llu\\t%d\\t2\\t%s\\t%s\\t%d\\t%d\\t%d\\t%d\\t%u\\n", nsecs, args->reason, ntop($ip->saddr), ntop($ip->daddr), $ip->protocol, bswap(*(uint16 *)$t), bswap(*(uint16 *)($t + 2)), *(uint8 *)($t + 13), $skb->dev->nd_net.net->ns.inum);
    } else if (args->protocol == 0x86dd) {
      $ip6 = (struct ipv6hdr *)$h;
      printf("${n}${TAG.drop}\\t%llu\\t%d\\t10\\t%s\\t%s\\t%d\\t%d\\t%d\\t%d\\t%u\\n", nsecs, args->reason, ntop($ip6->saddr.in6_u.u6_addr8), ntop($ip6->daddr.in6_u.u6_addr8), $ip6->nexthdr, bswap(*(uint16 *)$t), bswap(*(uint16 *)($t + 2)), *(uint8 *)($t + 13), $skb->dev->nd_net.net->ns.inum);
    }
  }
}
`;
}

/** Every tracepoint the script attaches to, so a preflight can name the one that is missing. */
export const REQUIRED_TRACEPOINTS = [
  'syscalls:sys_enter_execve', 'syscalls:sys_enter_execveat', 'sched:sched_process_exec', 'task:task_newtask',
  'sched:sched_process_exit', 'syscalls:sys_enter_connect', 'syscalls:sys_exit_connect', 'syscalls:sys_exit_accept4',
  'syscalls:sys_exit_accept', 'sock:inet_sock_set_state', 'syscalls:sys_enter_openat', 'syscalls:sys_enter_open',
  'syscalls:sys_exit_openat', 'syscalls:sys_exit_open', 'syscalls:sys_enter_close', 'syscalls:sys_enter_ftruncate',
  'syscalls:sys_enter_truncate', 'syscalls:sys_exit_truncate', 'syscalls:sys_enter_unlinkat', 'syscalls:sys_exit_unlinkat',
  'syscalls:sys_enter_unlink', 'syscalls:sys_exit_unlink', 'syscalls:sys_enter_write',
  'syscalls:sys_enter_sendto', 'syscalls:sys_enter_writev', 'syscalls:sys_enter_sendmsg', 'skb:kfree_skb',
] as const;
