/**
 * Tetragon hooks as the syscall events Falco's rules expect. Tetragon reports a kprobe, LSM hook
 * or tracepoint by its kernel name (`security_file_permission`, `tcp_connect`,
 * `__x64_sys_openat`, `syscalls/sys_enter_ptrace`); Falco's rules ask `evt.type in (open,
 * openat)`. This table says which Falco event each hook stands for, and (for hooks on a syscall
 * itself) what Falco calls each argument, so `evt.arg.flags` reads the right one.
 *
 * The mapping is a pure function of the hook's name — never of its arguments — so the server
 * can tell a stored event's evt.type from its summary columns without parsing its JSON.
 */

/** Kernel functions that are not `sys_<name>` but stand for one syscall event. */
const HOOK_EVENTS: Readonly<Record<string, string>> = {
  // Files: a hook on an open `struct file` is Falco's successful open of it.
  security_file_permission: 'openat',
  security_file_open: 'openat',
  fd_install: 'openat',
  do_sys_open: 'openat',
  do_sys_openat2: 'openat2',
  do_filp_open: 'openat',
  security_mmap_file: 'mmap',
  // Sockets.
  tcp_connect: 'connect',
  security_socket_connect: 'connect',
  inet_csk_accept: 'accept',
  security_socket_accept: 'accept',
  tcp_close: 'close',
  security_socket_bind: 'bind',
  security_socket_listen: 'listen',
  security_socket_create: 'socket',
  __sys_socket: 'socket',
  tcp_sendmsg: 'sendmsg',
  udp_sendmsg: 'sendmsg',
  security_socket_sendmsg: 'sendmsg',
  // Removing, renaming, linking and emptying files.
  security_path_unlink: 'unlinkat',
  security_inode_unlink: 'unlinkat',
  do_unlinkat: 'unlinkat',
  security_path_rmdir: 'rmdir',
  security_inode_rmdir: 'rmdir',
  do_rmdir: 'rmdir',
  security_path_rename: 'renameat2',
  security_inode_rename: 'renameat2',
  do_renameat2: 'renameat2',
  vfs_rename: 'renameat2',
  security_path_truncate: 'truncate',
  security_file_truncate: 'ftruncate',
  do_truncate: 'truncate',
  vfs_truncate: 'truncate',
  do_sys_truncate: 'truncate',
  do_sys_ftruncate: 'ftruncate',
  security_path_symlink: 'symlinkat',
  security_inode_symlink: 'symlinkat',
  security_path_link: 'linkat',
  security_inode_link: 'linkat',
  security_path_mkdir: 'mkdirat',
  security_inode_mkdir: 'mkdirat',
  security_path_chmod: 'fchmodat',
  security_path_chown: 'fchownat',
  // Processes and credentials.
  security_ptrace_access_check: 'ptrace',
  security_ptrace_traceme: 'ptrace',
  ptrace_attach: 'ptrace',
  commit_creds: 'setresuid',
  __sys_setuid: 'setuid',
  __sys_setgid: 'setgid',
  __sys_setresuid: 'setresuid',
  __sys_setresgid: 'setresgid',
  __sys_setreuid: 'setreuid',
  __sys_setregid: 'setregid',
  security_task_kill: 'kill',
  kill_pid_info: 'kill',
  // Kernel modules, BPF, mounts, namespaces.
  do_init_module: 'init_module',
  load_module: 'init_module',
  security_kernel_module_request: 'init_module',
  security_kernel_load_data: 'init_module',
  security_kernel_read_file: 'finit_module',
  security_bpf: 'bpf',
  security_bpf_prog: 'bpf',
  security_bpf_map: 'bpf',
  bpf_check: 'bpf',
  security_sb_mount: 'mount',
  path_mount: 'mount',
  do_mount: 'mount',
  security_sb_umount: 'umount2',
  path_umount: 'umount2',
  security_move_mount: 'move_mount',
  switch_task_namespaces: 'setns',
  ksys_unshare: 'unshare',
  security_path_chroot: 'chroot',
  // Anonymous memory files (fileless execution).
  memfd_create: 'memfd_create',
};

/**
 * Falco's parameter names for a syscall's arguments, in the syscall's own order (for kprobes on
 * `sys_<name>` and `syscalls/sys_enter_<name>` tracepoints, whose args follow that order).
 * Falco's exit events add `res` (or `fd`) for the return value: see RETURN_PARAM.
 */
export const SYSCALL_PARAMS: Readonly<Record<string, readonly string[]>> = {
  open: ['name', 'flags', 'mode'],
  openat: ['dirfd', 'name', 'flags', 'mode'],
  openat2: ['dirfd', 'name', 'how'],
  creat: ['name', 'mode'],
  close: ['fd'],
  connect: ['fd', 'addr'],
  accept: ['fd'],
  accept4: ['fd', 'addr', 'addrlen', 'flags'],
  bind: ['fd', 'addr'],
  listen: ['fd', 'backlog'],
  socket: ['domain', 'type', 'proto'],
  sendmsg: ['fd', 'msg', 'flags'],
  sendto: ['fd', 'data', 'size', 'flags', 'tuple'],
  unlink: ['path'],
  unlinkat: ['dirfd', 'name', 'flags'],
  rmdir: ['path'],
  rename: ['oldpath', 'newpath'],
  renameat: ['olddirfd', 'oldpath', 'newdirfd', 'newpath'],
  renameat2: ['olddirfd', 'oldpath', 'newdirfd', 'newpath', 'flags'],
  truncate: ['path', 'length'],
  ftruncate: ['fd', 'length'],
  symlink: ['target', 'linkpath'],
  symlinkat: ['target', 'linkdirfd', 'linkpath'],
  link: ['oldpath', 'newpath'],
  linkat: ['olddir', 'oldpath', 'newdir', 'newpath', 'flags'],
  mkdir: ['path', 'mode'],
  mkdirat: ['dirfd', 'path', 'mode'],
  chmod: ['filename', 'mode'],
  fchmodat: ['dirfd', 'filename', 'mode'],
  fchmod: ['fd', 'mode'],
  chown: ['path', 'uid', 'gid'],
  fchownat: ['dirfd', 'pathname', 'uid', 'gid', 'flags'],
  ptrace: ['request', 'pid', 'addr', 'data'],
  setuid: ['uid'],
  setgid: ['gid'],
  setreuid: ['ruid', 'euid'],
  setregid: ['rgid', 'egid'],
  setresuid: ['ruid', 'euid', 'suid'],
  setresgid: ['rgid', 'egid', 'sgid'],
  kill: ['pid', 'sig'],
  tkill: ['tid', 'sig'],
  tgkill: ['pid', 'tid', 'sig'],
  init_module: ['img', 'length', 'uargs'],
  finit_module: ['fd', 'uargs', 'flags'],
  delete_module: ['name', 'flags'],
  bpf: ['cmd', 'attr', 'size'],
  mount: ['dev', 'dir', 'type', 'flags', 'data'],
  umount: ['name'],
  umount2: ['name', 'flags'],
  setns: ['fd', 'nstype'],
  unshare: ['flags'],
  chroot: ['path'],
  memfd_create: ['name', 'flags'],
  dup: ['oldfd'],
  dup2: ['oldfd', 'newfd'],
  dup3: ['oldfd', 'newfd', 'flags'],
  mmap: ['addr', 'length', 'prot', 'flags', 'fd', 'offset'],
  mprotect: ['addr', 'length', 'prot'],
  execve: ['filename', 'argv', 'envp'],
  execveat: ['dirfd', 'pathname', 'argv', 'envp', 'flags'],
  userfaultfd: ['flags'],
  prctl: ['option', 'arg2', 'arg3', 'arg4', 'arg5'],
  capset: ['header', 'data'],
  chdir: ['path'],
  fchdir: ['fd'],
  pidfd_open: ['pid', 'flags'],
  pidfd_getfd: ['pidfd', 'targetfd', 'flags'],
  process_vm_writev: ['pid', 'local_iov', 'liovcnt', 'remote_iov', 'riovcnt', 'flags'],
  process_vm_readv: ['pid', 'local_iov', 'liovcnt', 'remote_iov', 'riovcnt', 'flags'],
  read: ['fd', 'data', 'size'],
  write: ['fd', 'data', 'size'],
};

/** What Falco names the return value of an exit event: the new fd for calls that create one. */
const FD_RETURNING = new Set([
  'open', 'openat', 'openat2', 'creat', 'socket', 'accept', 'accept4', 'memfd_create', 'dup', 'dup2', 'dup3',
  'pidfd_open', 'pidfd_getfd', 'userfaultfd',
]);

export function returnParamName(type: string): string {
  return FD_RETURNING.has(type) ? 'fd' : 'res';
}

/** Every Falco event type a Tetragon hook can become (documentation and tests). */
export function mappedEventTypes(): string[] {
  return [...new Set([...Object.values(HOOK_EVENTS), ...Object.keys(SYSCALL_PARAMS)])].sort();
}

export function hookEventTable(): readonly (readonly [string, string])[] {
  return Object.entries(HOOK_EVENTS);
}

/** Prefixes the kernel puts before a syscall's name in its entry function (per arch / ABI). */
const SYSCALL_PREFIXES = ['__x64_sys_', '__arm64_sys_', '__ia32_sys_', '__ia32_compat_sys_', '__se_sys_', '__do_sys_', 'ksys_', 'sys_'];

/**
 * The syscall a kprobe or LSM hook stands for, when it is one: `__x64_sys_openat` → openat,
 * `sys_ptrace` → ptrace, `security_file_permission` → openat. Undefined for other hooks.
 */
export function syscallOfHook(hook: string): { type: string; direct: boolean } | undefined {
  const mapped = HOOK_EVENTS[hook];
  if (mapped) return { type: mapped, direct: false };
  for (const prefix of SYSCALL_PREFIXES) {
    if (hook.startsWith(prefix)) {
      const name = hook.slice(prefix.length);
      if (name !== '') return { type: name, direct: true };
    }
  }
  return undefined;
}

/** `syscalls/sys_enter_openat` → openat (entry), `syscalls/sys_exit_openat` → openat (exit). */
export function syscallOfTracepoint(subsys: string, event: string): { type: string; entry: boolean } | undefined {
  if (subsys !== 'syscalls') return undefined;
  if (event.startsWith('sys_enter_')) return { type: event.slice('sys_enter_'.length), entry: true };
  if (event.startsWith('sys_exit_')) return { type: event.slice('sys_exit_'.length), entry: false };
  return undefined;
}

// ---------------------------------------------------------------- argument rendering

/** Linux open(2) flag bits (x86-64 / arm64 generic values) and the names Falco prints. */
const OPEN_FLAG_BITS: readonly (readonly [number, string])[] = [
  [0o100, 'O_CREAT'], [0o200, 'O_EXCL'], [0o400, 'O_NOCTTY'], [0o1000, 'O_TRUNC'], [0o2000, 'O_APPEND'],
  [0o4000, 'O_NONBLOCK'], [0o10000, 'O_DSYNC'], [0o20000, 'O_ASYNC'], [0o40000, 'O_DIRECT'], [0o100000, 'O_LARGEFILE'],
  [0o200000, 'O_DIRECTORY'], [0o400000, 'O_NOFOLLOW'], [0o1000000, 'O_NOATIME'], [0o2000000, 'O_CLOEXEC'],
  [0o4000000, 'O_SYNC'], [0o10000000, 'O_PATH'], [0o20000000, 'O_TMPFILE'],
];

export const O_ACCMODE = 3;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_TRUNC = 0o1000;
export const O_DIRECTORY = 0o200000;
export const O_TMPFILE = 0o20000000;

export function openFlagsText(flags: number): string {
  const access = flags & O_ACCMODE;
  const names = [access === O_WRONLY ? 'O_WRONLY' : access === O_RDWR ? 'O_RDWR' : 'O_RDONLY'];
  for (const [bit, name] of OPEN_FLAG_BITS) {
    if ((flags & bit) === bit && !(name === 'O_DSYNC' && (flags & 0o4010000) === 0o4010000)) names.push(name);
  }
  return names.join('|');
}

const PTRACE_REQUESTS: Readonly<Record<number, string>> = {
  0: 'PTRACE_TRACEME', 1: 'PTRACE_PEEKTEXT', 2: 'PTRACE_PEEKDATA', 3: 'PTRACE_PEEKUSR', 4: 'PTRACE_POKETEXT',
  5: 'PTRACE_POKEDATA', 6: 'PTRACE_POKEUSR', 7: 'PTRACE_CONT', 8: 'PTRACE_KILL', 9: 'PTRACE_SINGLESTEP',
  12: 'PTRACE_GETREGS', 13: 'PTRACE_SETREGS', 14: 'PTRACE_GETFPREGS', 15: 'PTRACE_SETFPREGS', 16: 'PTRACE_ATTACH',
  17: 'PTRACE_DETACH', 24: 'PTRACE_SYSCALL', 0x4200: 'PTRACE_SETOPTIONS', 0x4201: 'PTRACE_GETEVENTMSG',
  0x4202: 'PTRACE_GETSIGINFO', 0x4203: 'PTRACE_SETSIGINFO', 0x4204: 'PTRACE_GETREGSET', 0x4205: 'PTRACE_SETREGSET',
  0x4206: 'PTRACE_SEIZE', 0x4207: 'PTRACE_INTERRUPT', 0x4208: 'PTRACE_LISTEN',
};

const SOCKET_DOMAINS: Readonly<Record<number, string>> = {
  0: 'AF_UNSPEC', 1: 'AF_UNIX', 2: 'AF_INET', 10: 'AF_INET6', 16: 'AF_NETLINK', 17: 'AF_PACKET',
};

const BPF_COMMANDS: Readonly<Record<number, string>> = {
  0: 'BPF_MAP_CREATE', 1: 'BPF_MAP_LOOKUP_ELEM', 2: 'BPF_MAP_UPDATE_ELEM', 3: 'BPF_MAP_DELETE_ELEM',
  4: 'BPF_MAP_GET_NEXT_KEY', 5: 'BPF_PROG_LOAD', 6: 'BPF_OBJ_PIN', 7: 'BPF_OBJ_GET', 8: 'BPF_PROG_ATTACH',
  9: 'BPF_PROG_DETACH',
};

const MEMFD_FLAG_BITS: readonly (readonly [number, string])[] = [[1, 'MFD_CLOEXEC'], [2, 'MFD_ALLOW_SEALING'], [4, 'MFD_HUGETLB']];

function bitsText(value: number, bits: readonly (readonly [number, string])[]): string {
  const names = bits.filter(([bit]) => (value & bit) === bit).map(([, name]) => name);
  return names.length === 0 ? '0' : names.join('|');
}

/** Falco's text for a numeric argument of a syscall, where it prints names instead of numbers. */
export function renderSyscallArg(type: string, param: string, value: number): string {
  if (param === 'flags' && (type === 'open' || type === 'openat' || type === 'creat')) return openFlagsText(value);
  if (param === 'flags' && type === 'memfd_create') return bitsText(value, MEMFD_FLAG_BITS);
  if (param === 'flags' && type === 'unlinkat') return value & 0x200 ? 'AT_REMOVEDIR' : '0';
  if (param === 'request' && type === 'ptrace') return PTRACE_REQUESTS[value] ?? String(value);
  if (param === 'domain' && type === 'socket') return SOCKET_DOMAINS[value] ?? String(value);
  if (param === 'cmd' && type === 'bpf') return BPF_COMMANDS[value] ?? String(value);
  return String(value);
}

/** Linux errno names for the values Falco most often prints in evt.res. */
const ERRNO: Readonly<Record<number, string>> = {
  1: 'EPERM', 2: 'ENOENT', 3: 'ESRCH', 4: 'EINTR', 5: 'EIO', 9: 'EBADF', 11: 'EAGAIN', 12: 'ENOMEM', 13: 'EACCES',
  14: 'EFAULT', 16: 'EBUSY', 17: 'EEXIST', 20: 'ENOTDIR', 21: 'EISDIR', 22: 'EINVAL', 24: 'EMFILE', 28: 'ENOSPC',
  30: 'EROFS', 38: 'ENOSYS', 95: 'EOPNOTSUPP', 98: 'EADDRINUSE', 101: 'ENETUNREACH', 104: 'ECONNRESET',
  110: 'ETIMEDOUT', 111: 'ECONNREFUSED', 113: 'EHOSTUNREACH', 115: 'EINPROGRESS',
};

/** evt.res: SUCCESS, or the errno name of a negative return (E<number> when unnamed). */
export function resultText(raw: number): string {
  if (raw >= 0) return 'SUCCESS';
  return ERRNO[-raw] ?? `E${-raw}`;
}
