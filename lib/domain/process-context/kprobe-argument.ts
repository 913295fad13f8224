/**
 * One Tetragon KprobeArgument (every member of its `arg` oneof) as one readable line, for the
 * event page, the marker tooltips and the hook card: "sock tcp 10.244.1.17:45200 → 10.244.2.31:80
 * TCP_SYN_SENT", "module nf_tables (signature ok)", "cred uid 0 euid 0 …". The line is plain text
 * made of hostile strings: render it inert. The JSON inspector beside it keeps every field.
 */
import type { CapabilitiesJson, KprobeArgumentJson, NamespaceJson, ProcessCredentialsJson, UserNamespaceJson } from '@/lib/domain/wire-types';

const proto = (p: string | undefined) => (p ?? '').replace(/^IPPROTO_/, '').toLowerCase();

function parts(...xs: (string | number | false | null | undefined)[]): string {
  return xs.filter((x) => x !== undefined && x !== null && x !== false && x !== '').join(' ');
}

function nsText(ns: NamespaceJson | undefined): string {
  if (!ns) return '';
  return `ns ${ns.inum ?? '?'}${ns.is_host ? ' (host)' : ''}`;
}

function userNs(u: UserNamespaceJson | undefined): string {
  if (!u) return '';
  return parts(u.level !== undefined && `level ${u.level}`, u.uid !== undefined && `uid ${u.uid}`, u.gid !== undefined && `gid ${u.gid}`, nsText(u.ns));
}

function caps(c: CapabilitiesJson | undefined): string {
  if (!c) return '';
  const set = (name: string, list: string[] | undefined) => (list?.length ? `${name} ${list.join(',')}` : '');
  return parts(set('effective', c.effective), set('permitted', c.permitted), set('inheritable', c.inheritable));
}

/** uid/gid and their effective, saved and filesystem variants, as `id` prints them. */
export function credentialsText(c: ProcessCredentialsJson): string {
  const ids = (['uid', 'gid', 'euid', 'egid', 'suid', 'sgid', 'fsuid', 'fsgid'] as const).filter((k) => c[k] !== undefined).map((k) => `${k} ${c[k]}`);
  return parts(
    ...ids,
    c.securebits?.length ? `securebits ${c.securebits.join(',')}` : '',
    caps(c.caps),
    c.user_ns ? `user_ns (${userNs(c.user_ns)})` : '',
  );
}

/** bytes in protojson are base64; "3f a0 …" reads better for a build id. */
export function base64ToHex(b64: string): string {
  try {
    const bin = atob(b64);
    let out = '';
    for (let i = 0; i < bin.length; i++) out += bin.charCodeAt(i).toString(16).padStart(2, '0');
    return out;
  } catch {
    return b64; // not base64: show what was sent
  }
}

function describeMember(a: KprobeArgumentJson): string | null {
  if (a.sock_arg) {
    const s = a.sock_arg;
    return `sock ${proto(s.protocol)} ${s.saddr ?? '?'}:${s.sport ?? 0} → ${s.daddr ?? '?'}:${s.dport ?? 0}${s.state ? ` ${s.state}` : ''}${s.cookie ? ` cookie ${s.cookie}` : ''}`;
  }
  if (a.skb_arg) {
    const s = a.skb_arg;
    return parts('skb', proto(s.protocol) || (s.proto !== undefined && `proto ${s.proto}`), (s.saddr || s.daddr) && `${s.saddr ?? '?'}:${s.sport ?? 0} → ${s.daddr ?? '?'}:${s.dport ?? 0}`, s.len !== undefined && `len ${s.len}`, s.family);
  }
  if (a.file_arg) return `file ${a.file_arg.path ?? ''}${a.file_arg.permission ? ` ${a.file_arg.permission}` : ''}${a.file_arg.flags ? ` ${a.file_arg.flags}` : ''}`;
  if (a.path_arg) return `path ${a.path_arg.path ?? ''}${a.path_arg.permission ? ` ${a.path_arg.permission}` : ''}${a.path_arg.flags ? ` ${a.path_arg.flags}` : ''}`;
  if (a.linux_binprm_arg) return parts('binprm', a.linux_binprm_arg.path ?? '', a.linux_binprm_arg.permission, a.linux_binprm_arg.flags);
  if (a.string_arg !== undefined) return `string ${a.string_arg}`;
  if (a.int_arg !== undefined) return `int ${a.int_arg}`;
  if (a.uint_arg !== undefined) return `uint ${a.uint_arg}`;
  if (a.long_arg !== undefined) return `long ${a.long_arg}`;
  if (a.size_arg !== undefined) return `size ${a.size_arg}`;
  if (a.capability_arg) return parts('capability', a.capability_arg.name ?? '', a.capability_arg.value !== undefined && `(${a.capability_arg.value})`);
  if (a.sockaddr_arg) return parts('sockaddr', a.sockaddr_arg.family, `${a.sockaddr_arg.addr ?? ''}:${a.sockaddr_arg.port ?? 0}`);
  if (a.sockaddrun_arg) return parts('sockaddr_un', a.sockaddrun_arg.family, a.sockaddrun_arg.path ?? '');
  if (a.bytes_arg !== undefined) return `bytes (base64) ${a.bytes_arg}`;
  if (a.truncated_bytes_arg) return `bytes (truncated, ${a.truncated_bytes_arg.orig_size ?? '?'} in all) ${a.truncated_bytes_arg.bytes_arg ?? ''}`.trimEnd();
  if (a.cred_arg) return parts('cred', caps(a.cred_arg) || 'no capabilities');
  if (a.process_credentials_arg) return parts('credentials', credentialsText(a.process_credentials_arg));
  if (a.user_ns_arg) return parts('user_ns', userNs(a.user_ns_arg));
  if (a.user_namespace_arg) {
    const u = a.user_namespace_arg;
    return parts('user_namespace', u.level !== undefined && `level ${u.level}`, u.owner !== undefined && `owner ${u.owner}`, u.group !== undefined && `group ${u.group}`, nsText(u.ns));
  }
  if (a.module_arg) {
    const m = a.module_arg;
    const sig = m.signature_ok === undefined ? '' : m.signature_ok ? '(signature ok)' : '(signature NOT ok)';
    return parts('module', m.name ?? '', sig, m.tainted?.length && `tainted ${m.tainted.join(',')}`);
  }
  if (a.bpf_attr_arg) return parts('bpf_attr', a.bpf_attr_arg.ProgType, a.bpf_attr_arg.ProgName && `name ${a.bpf_attr_arg.ProgName}`, a.bpf_attr_arg.InsnCnt !== undefined && `${a.bpf_attr_arg.InsnCnt} insns`);
  if (a.bpf_prog_arg) return parts('bpf_prog', a.bpf_prog_arg.ProgType, a.bpf_prog_arg.ProgName && `name ${a.bpf_prog_arg.ProgName}`, a.bpf_prog_arg.InsnCnt !== undefined && `${a.bpf_prog_arg.InsnCnt} insns`);
  if (a.perf_event_arg) {
    const p = a.perf_event_arg;
    return parts('perf_event', p.Type, p.KprobeFunc && `func ${p.KprobeFunc}`, p.Config !== undefined && `config ${p.Config}`, p.ProbeOffset !== undefined && `offset ${p.ProbeOffset}`);
  }
  if (a.bpf_map_arg) {
    const m = a.bpf_map_arg;
    return parts('bpf_map', m.MapType, m.MapName && `name ${m.MapName}`, m.KeySize !== undefined && `key ${m.KeySize}B`, m.ValueSize !== undefined && `value ${m.ValueSize}B`, m.MaxEntries !== undefined && `max ${m.MaxEntries}`);
  }
  if (a.kernel_cap_t_arg !== undefined) return `kernel_cap_t ${a.kernel_cap_t_arg}`;
  if (a.cap_inheritable_arg !== undefined) return `cap_inheritable ${a.cap_inheritable_arg}`;
  if (a.cap_permitted_arg !== undefined) return `cap_permitted ${a.cap_permitted_arg}`;
  if (a.cap_effective_arg !== undefined) return `cap_effective ${a.cap_effective_arg}`;
  if (a.net_dev_arg) return `net_dev ${a.net_dev_arg.name ?? ''}`.trimEnd();
  if (a.bpf_cmd_arg !== undefined) return `bpf_cmd ${a.bpf_cmd_arg}`;
  if (a.syscall_id) return parts('syscall', a.syscall_id.id ?? '?', a.syscall_id.abi && `(${a.syscall_id.abi})`);
  if (a.error_arg) return `error ${a.error_arg.Message ?? ''}`.trimEnd();
  return null;
}

/** One argument as a line, prefixed by its label ("mask: int 4"). */
export function describeArgument(a: KprobeArgumentJson): string {
  const label = a.label ? `${a.label}: ` : '';
  const known = describeMember(a);
  if (known !== null) return `${label}${known}`;
  // A member this version has no name for (a newer agent): name it, the inspector shows it whole.
  const key = Object.keys(a).find((k) => k !== 'label');
  return `${label}${key ?? 'empty'}`;
}
