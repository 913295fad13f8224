import { describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { CAPABILITY_NAMES, capabilitiesJson, capabilityNames, parseCapMask } from './capabilities';

// containerd's / Docker's default set for a container (CapEff of a plain `docker run` shell).
const CONTAINER_DEFAULT = 0xa80425fbn;

describe('capability masks', () => {
  it('names the bits of a container default set, DAC_OVERRIDE without its CAP_ prefix', () => {
    expect(capabilityNames(CONTAINER_DEFAULT)).toEqual([
      'CAP_CHOWN', 'DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP',
      'CAP_NET_BIND_SERVICE', 'CAP_NET_RAW', 'CAP_SYS_CHROOT', 'CAP_MKNOD', 'CAP_AUDIT_WRITE', 'CAP_SETFCAP',
    ]);
  });

  it('knows every capability up to CAP_CHECKPOINT_RESTORE (bit 40) and skips bits it cannot name', () => {
    expect(CAPABILITY_NAMES).toHaveLength(41);
    expect(capabilityNames(1n << 21n)).toEqual(['CAP_SYS_ADMIN']);
    expect(capabilityNames((1n << 40n) | (1n << 41n) | (1n << 63n))).toEqual(['CAP_CHECKPOINT_RESTORE']);
    expect(capabilityNames(0x1ffffffffffn)).toEqual(CAPABILITY_NAMES);
  });

  it('reads hex masks as bpftrace and /proc print them', () => {
    expect(parseCapMask('000001ffffffffff')).toBe(0x1ffffffffffn);
    expect(parseCapMask('a80425fb')).toBe(CONTAINER_DEFAULT);
    expect(parseCapMask('0')).toBe(0n);
    expect(parseCapMask('')).toBeNull();
    expect(parseCapMask('-1')).toBeNull();
    expect(parseCapMask('1'.repeat(17))).toBeNull();
  });

  it("builds Tetragon's cap object, leaving empty sets out, that encodes on the wire", () => {
    const cap = capabilitiesJson({ effective: CONTAINER_DEFAULT | (1n << 12n) | (1n << 21n), permitted: CONTAINER_DEFAULT, inheritable: 0n });
    expect(cap.effective).toContain('CAP_NET_ADMIN');
    expect(cap.effective).toContain('CAP_SYS_ADMIN');
    expect(cap.permitted).not.toContain('CAP_SYS_ADMIN');
    expect(cap).not.toHaveProperty('inheritable');
    const line = { process_exec: { process: { exec_id: 'eA==', binary: '/x', cap } }, node_name: 'n', time: '2026-11-22T09:00:00Z' };
    expect(() => AgentBus.encode('tetragon', line, 0)).not.toThrow();
  });
});
