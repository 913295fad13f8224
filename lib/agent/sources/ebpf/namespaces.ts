import fs from 'node:fs';
import path from 'node:path';
import type { NamespacesJson } from '@/lib/domain/wire-types';

/**
 * A task's namespaces by inode number, in Tetragon's order and names (`Namespaces` in WIRE.md).
 * The kernel gives them to the exec probe; /proc/<pid>/ns/* gives them for processes found
 * running. 0 means unknown (a namespace kind this kernel does not have).
 */
export const NAMESPACE_KINDS = ['uts', 'ipc', 'mnt', 'pid', 'pid_for_children', 'net', 'time', 'time_for_children', 'cgroup', 'user'] as const;
export type NamespaceKind = (typeof NAMESPACE_KINDS)[number];
export type NamespaceInums = Record<NamespaceKind, number>;

/** "pid:[4026531836]" (the target of /proc/<pid>/ns/pid) → 4026531836. */
export function parseNsLink(link: string): number | null {
  const m = /^[a-z_]+:\[(\d+)\]$/.exec(link.trim());
  return m ? Number(m[1]) : null;
}

/** Every namespace of `pid` from /proc, or null when the process is gone or unreadable. */
export function readNamespaces(procRoot: string, pid: number | 'self'): NamespaceInums | null {
  const out = {} as NamespaceInums;
  let found = 0;
  for (const kind of NAMESPACE_KINDS) {
    let inum: number | null = null;
    try {
      inum = parseNsLink(fs.readlinkSync(path.join(procRoot, String(pid), 'ns', kind)));
    } catch {
      /* older kernels lack some kinds (time); a vanished process lacks all */
    }
    out[kind] = inum ?? 0;
    if (inum) found++;
  }
  return found ? out : null;
}

/**
 * Tetragon's `ns` object: each namespace's inum, with is_host when it is the host's (pid 1's)
 * namespace of that kind. is_host false is a plain zero bool, which protojson leaves out.
 */
export function namespacesJson(ns: NamespaceInums, host: NamespaceInums | null): NamespacesJson {
  const out: NamespacesJson = {};
  for (const kind of NAMESPACE_KINDS) {
    const inum = ns[kind];
    if (!inum) continue;
    out[kind] = host && host[kind] === inum ? { inum, is_host: true } : { inum };
  }
  return out;
}
