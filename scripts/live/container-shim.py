# The live demo's container runtime: just enough of what containerd's shim and runc do for a
# pod on a Kubernetes node, so that the kernel sees the same process tree and namespaces.
# demo:live installs it as .../containerd-shim-runc-v2 with this machine's python3 on the
# shebang line; the exec events then name it like the real shim, which is what the detection
# rules look for in the parent of a `kubectl exec` shell.
#
#   containerd-shim-runc-v2 run  --name POD --netns /run/netns/NS --state FILE
#                                [--hosts FILE] [--caps CAP_A,CAP_B] -- ENTRYPOINT [ARG]...
#       The container: its entrypoint becomes pid 1 of a new pid namespace, in the pod's network
#       namespace, with its own mount (a fresh /proc), UTS (hostname = POD) and IPC namespaces and
#       only the listed capabilities. The shim stays on the host, writes pid 1's host pid to
#       --state, waits, and exits like the container did (status, or the same signal).
#
#   containerd-shim-runc-v2 exec --state FILE [--tty] [--caps ...] -- COMMAND [ARG]...
#       `kubectl exec`: COMMAND joins the running container's namespaces as a child of the shim
#       (so its parent is the runtime, outside the container). --tty gives it a terminal and
#       relays this process's stdin and stdout to it, like `kubectl exec -it`.
#
# Python 3.11 has no os.setns/os.unshare, hence ctypes.
import ctypes
import fcntl
import os
import select
import signal
import sys
import termios

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 8, 4096, 16384, 1 << 18
PR_CAPBSET_DROP = 24
CAPS = ['CAP_CHOWN', 'DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
        'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST',
        'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO',
        'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE',
        'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE',
        'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM',
        'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE']

libc = ctypes.CDLL(None, use_errno=True)


def check(ret, what):
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f'{what}: {os.strerror(err)}')


def setns(path, nstype):
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        check(libc.setns(fd, nstype), f'setns {path}')
    finally:
        os.close(fd)


def mount(source, target, fstype, flags):
    enc = lambda s: None if s is None else s.encode()
    check(libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), None), f'mount {target}')


def keep_only_caps(names):
    """Drops every other capability from the bounding set: after exec, root gets exactly these."""
    if names is None:
        return
    keep = {CAPS.index(n) for n in names}
    with open('/proc/sys/kernel/cap_last_cap') as f:
        last = int(f.read())
    for cap in range(last + 1):
        if cap not in keep:
            check(libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), f'drop capability {cap}')


def container_env(hostname):
    return {'PATH': '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME': hostname,
            'HOME': '/root', 'TERM': 'xterm'}


def exit_like(status):
    """Ends this process the way the container's process ended (the same status or signal)."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig not in (signal.SIGKILL, signal.SIGSTOP):  # the two that cannot be caught or reset
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        sys.exit(128 + sig)
    sys.exit(os.waitstatus_to_exitcode(status))


def run(opts, argv):
    check(libc.unshare(CLONE_NEWPID), 'unshare pid namespace')  # for the children only
    pid = os.fork()
    if pid == 0:
        try:
            setns(opts['netns'], CLONE_NEWNET)
            check(libc.unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC), 'unshare')
            mount(None, '/', None, MS_REC | MS_PRIVATE)  # nothing of ours leaks back to the host
            mount('proc', '/proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC)  # ps shows the pod's pids
            if opts.get('hosts'):
                mount(opts['hosts'], '/etc/hosts', None, MS_BIND)
            name = opts['name'].encode()
            check(libc.sethostname(name, len(name)), 'sethostname')
            keep_only_caps(opts.get('caps'))
            os.chdir('/')
            os.execve(argv[0], argv, container_env(opts['name']))
        except BaseException as e:  # noqa: BLE001 — whatever failed, say it and never return
            print(f'containerd-shim-runc-v2: {e}', file=sys.stderr, flush=True)
            os._exit(127)
    tmp = opts['state'] + '.tmp'
    with open(tmp, 'w') as f:
        f.write(f'{pid}\n')
    os.replace(tmp, opts['state'])
    # Stopping the shim stops the container, as `crictl stop` would.
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: os.kill(pid, signal.SIGKILL))
    _, status = os.waitpid(pid, 0)  # PEP 475: retried after our signal handlers run
    try:
        os.unlink(opts['state'])
    except FileNotFoundError:
        pass
    exit_like(status)


def relay(master, child):
    """`kubectl exec -it`: our stdin to the terminal, the terminal to our stdout."""
    inputs = [sys.stdin.fileno(), master]
    while True:
        ready, _, _ = select.select(inputs, [], [], 0.5)
        if sys.stdin.fileno() in ready:
            data = os.read(sys.stdin.fileno(), 4096)
            if data:
                os.write(master, data)
            else:
                inputs.remove(sys.stdin.fileno())
        if master in ready:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the shell and everything on its terminal are gone
                return None
            if not data:
                return None
            os.write(sys.stdout.fileno(), data)
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            return status


def exec_in(opts, argv):
    with open(opts['state']) as f:
        init = int(f.read().strip())
    ns = lambda kind: f'/proc/{init}/ns/{kind}'
    setns(ns('pid'), CLONE_NEWPID)  # the shim stays outside; its next child is born inside
    master = slave = None
    if opts.get('tty'):
        master, slave = os.openpty()
    pid = os.fork()
    if pid == 0:
        try:
            for kind, flag in (('ipc', CLONE_NEWIPC), ('uts', CLONE_NEWUTS), ('net', CLONE_NEWNET), ('mnt', CLONE_NEWNS)):
                setns(ns(kind), flag)
            hostname = os.uname().nodename
            keep_only_caps(opts.get('caps'))
            os.chdir('/')
            if slave is not None:
                os.close(master)
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                os.close(slave)
            os.execvpe(argv[0], argv, container_env(hostname))
        except BaseException as e:  # noqa: BLE001
            print(f'containerd-shim-runc-v2: {e}', file=sys.stderr, flush=True)
            os._exit(127)
    status = None
    if master is not None:
        os.close(slave)
        status = relay(master, pid)
    if status is None:
        _, status = os.waitpid(pid, 0)
    exit_like(status)


def parse(args):
    if not args or args[0] not in ('run', 'exec') or '--' not in args:
        sys.exit(__doc__ or 'usage: containerd-shim-runc-v2 run|exec [options] -- COMMAND [ARG]...')
    cut = args.index('--')
    opts, flags = {}, iter(args[1:cut])
    for key in flags:
        if key == '--tty':
            opts['tty'] = True
        else:
            opts[key.removeprefix('--')] = next(flags)
    if 'caps' in opts:
        opts['caps'] = [c for c in opts['caps'].split(',') if c]
    return args[0], opts, args[cut + 1:]


if __name__ == '__main__':
    mode, opts, argv = parse(sys.argv[1:])
    (run if mode == 'run' else exec_in)(opts, argv)
