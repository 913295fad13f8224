import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { NAMESPACE_KINDS, namespacesJson, parseNsLink, readNamespaces, type NamespaceInums } from './namespaces';

const HOST: NamespaceInums = {
  uts: 4026531838, ipc: 4026531839, mnt: 4026531832, pid: 4026531836, pid_for_children: 4026531836, net: 4026531833,
  time: 4026531834, time_for_children: 4026531834, cgroup: 4026531835, user: 4026531837,
};

describe('namespaces', () => {
  it('reads the inode number out of a /proc/<pid>/ns link', () => {
    expect(parseNsLink('pid:[4026531836]')).toBe(4026531836);
    expect(parseNsLink('pid_for_children:[4026532179]\n')).toBe(4026532179);
    expect(parseNsLink('net:[]')).toBeNull();
    expect(parseNsLink('/run/netns/x')).toBeNull();
  });

  it("marks the namespaces a pod process shares with the host, as Tetragon's is_host", () => {
    const pod = { ...HOST, pid: 4026532179, pid_for_children: 4026532179, mnt: 4026532177, net: 4026532500, time: 0 };
    const ns = namespacesJson(pod, HOST);
    expect(ns.pid).toEqual({ inum: 4026532179 });
    expect(ns.net).toEqual({ inum: 4026532500 });
    expect(ns.user).toEqual({ inum: 4026531837, is_host: true });
    expect(ns).not.toHaveProperty('time'); // unknown on this kernel
    expect(Object.keys(ns)).toEqual(NAMESPACE_KINDS.filter((k) => k !== 'time'));
    const line = { process_exec: { process: { exec_id: 'eA==', binary: '/x', ns } }, node_name: 'n', time: '2026-11-22T09:00:00Z' };
    expect(() => AgentBus.encode('tetragon', line, 0)).not.toThrow();
  });

  it("reads this process's namespaces from the real /proc", () => {
    const ns = readNamespaces('/proc', 'self');
    expect(ns?.net).toBe(parseNsLink(fs.readlinkSync('/proc/self/ns/net')));
    expect(ns?.pid).toBe(parseNsLink(fs.readlinkSync('/proc/self/ns/pid')));
    expect(readNamespaces('/proc', 2 ** 30)).toBeNull();
  });
});
