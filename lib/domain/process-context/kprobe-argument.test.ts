import { describe, expect, it } from 'vitest';
import type { KprobeArgumentJson } from '@/lib/domain/wire-types';
import { base64ToHex, describeArgument } from './kprobe-argument';

// One line per member of KprobeArgument's `arg` oneof (wire-facts/tetragon.txt), as the event page shows it.
const cases: [KprobeArgumentJson, string][] = [
  [{ string_arg: '/etc/shadow' }, 'string /etc/shadow'],
  [{ int_arg: -1 }, 'int -1'],
  [{ skb_arg: { protocol: 'IPPROTO_UDP', saddr: '10.0.0.1', sport: 53, daddr: '10.0.0.2', dport: 4000, len: 120, family: 'AF_INET' } }, 'skb udp 10.0.0.1:53 → 10.0.0.2:4000 len 120 AF_INET'],
  [{ size_arg: '18446744073709551615' }, 'size 18446744073709551615'],
  [{ bytes_arg: 'aGk=' }, 'bytes (base64) aGk='],
  [{ path_arg: { path: '/var/log/a', permission: '-rw-r--r--' } }, 'path /var/log/a -rw-r--r--'],
  [{ file_arg: { path: '/etc/shadow', flags: 'O_RDONLY' } }, 'file /etc/shadow O_RDONLY'],
  [{ truncated_bytes_arg: { bytes_arg: 'AAAA', orig_size: '4096' } }, 'bytes (truncated, 4096 in all) AAAA'],
  [{ sock_arg: { protocol: 'IPPROTO_TCP', saddr: '10.244.1.17', sport: 45200, daddr: '10.244.2.31', dport: 80 } }, 'sock tcp 10.244.1.17:45200 → 10.244.2.31:80'],
  [{ cred_arg: { effective: ['CAP_SYS_ADMIN'], permitted: ['CAP_SYS_ADMIN', 'CAP_KILL'] } }, 'cred effective CAP_SYS_ADMIN permitted CAP_SYS_ADMIN,CAP_KILL'],
  [{ long_arg: '-9223372036854775808' }, 'long -9223372036854775808'],
  [{ bpf_attr_arg: { ProgType: 'BPF_PROG_TYPE_KPROBE', InsnCnt: 42, ProgName: 'evil' } }, 'bpf_attr BPF_PROG_TYPE_KPROBE name evil 42 insns'],
  [{ perf_event_arg: { KprobeFunc: 'commit_creds', Type: 'kprobe', Config: '0', ProbeOffset: '8' } }, 'perf_event kprobe func commit_creds config 0 offset 8'],
  [{ bpf_map_arg: { MapType: 'BPF_MAP_TYPE_HASH', MapName: 'm', KeySize: 4, ValueSize: 8, MaxEntries: 1024 } }, 'bpf_map BPF_MAP_TYPE_HASH name m key 4B value 8B max 1024'],
  [{ uint_arg: 4294967295 }, 'uint 4294967295'],
  [{ user_namespace_arg: { level: 1, owner: 1000, group: 1000, ns: { inum: 4026532000 } } }, 'user_namespace level 1 owner 1000 group 1000 ns 4026532000'],
  [{ capability_arg: { value: 21, name: 'CAP_SYS_ADMIN' } }, 'capability CAP_SYS_ADMIN (21)'],
  [{ process_credentials_arg: { uid: 1000, euid: 0, securebits: ['SecBitNoRoot'], caps: { effective: ['CAP_SETUID'] }, user_ns: { level: 0, ns: { inum: 4026531837, is_host: true } } } }, 'credentials uid 1000 euid 0 securebits SecBitNoRoot effective CAP_SETUID user_ns (level 0 ns 4026531837 (host))'],
  [{ user_ns_arg: { level: 2, uid: 0, gid: 0 } }, 'user_ns level 2 uid 0 gid 0'],
  [{ module_arg: { name: 'rootkit', signature_ok: false, tainted: ['TAINT_UNSIGNED_MODULE'] } }, 'module rootkit (signature NOT ok) tainted TAINT_UNSIGNED_MODULE'],
  [{ kernel_cap_t_arg: 'CAP_SYS_ADMIN' }, 'kernel_cap_t CAP_SYS_ADMIN'],
  [{ cap_inheritable_arg: 'CAP_KILL' }, 'cap_inheritable CAP_KILL'],
  [{ cap_permitted_arg: 'CAP_KILL' }, 'cap_permitted CAP_KILL'],
  [{ cap_effective_arg: 'CAP_KILL' }, 'cap_effective CAP_KILL'],
  [{ linux_binprm_arg: { path: '/tmp/kworkerd', permission: '-rwxrwxrwx' } }, 'binprm /tmp/kworkerd -rwxrwxrwx'],
  [{ net_dev_arg: { name: 'eth0' } }, 'net_dev eth0'],
  [{ bpf_cmd_arg: 'BPF_PROG_LOAD' }, 'bpf_cmd BPF_PROG_LOAD'],
  [{ bpf_cmd_arg: 99 }, 'bpf_cmd 99'],
  [{ syscall_id: { id: 59, abi: 'x64' } }, 'syscall 59 (x64)'],
  [{ sockaddr_arg: { family: 'AF_INET', addr: '10.0.0.9', port: 4444 } }, 'sockaddr AF_INET 10.0.0.9:4444'],
  [{ bpf_prog_arg: { ProgType: 'BPF_PROG_TYPE_XDP', ProgName: 'x' } }, 'bpf_prog BPF_PROG_TYPE_XDP name x'],
  [{ error_arg: { Message: 'could not read' } }, 'error could not read'],
  [{ sockaddrun_arg: { family: 'AF_UNIX', path: '/run/docker.sock' } }, 'sockaddr_un AF_UNIX /run/docker.sock'],
];

describe('describeArgument', () => {
  it.each(cases)('%j', (arg, text) => {
    expect(describeArgument(arg)).toBe(text);
  });

  it('keeps the label and names a member this version does not know', () => {
    expect(describeArgument({ int_arg: 4, label: 'mask' })).toBe('mask: int 4');
    expect(describeArgument({ future_arg: { x: 1 } } as KprobeArgumentJson)).toBe('future_arg');
    expect(describeArgument({})).toBe('empty');
  });
});

describe('base64ToHex', () => {
  it('prints bytes as hex and leaves what is not base64 alone', () => {
    expect(base64ToHex('3q2+7w==')).toBe('deadbeef');
    expect(base64ToHex('not base64!')).toBe('not base64!');
  });
});
