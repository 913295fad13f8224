import type { CapabilitiesJson } from '@/lib/domain/wire-types';

/**
 * Linux capability sets as Tetragon reports them: bit N of the kernel's mask is
 * CapabilitiesType N (WIRE.md). Bit 1 is `DAC_OVERRIDE`, without the CAP_ prefix, as upstream
 * names it. Bits past the last name Tetragon knows are left out: they cannot go on the wire.
 */
export const CAPABILITY_NAMES: readonly string[] = [
  'CAP_CHOWN', 'DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID',
  'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** A task's capability masks (struct cred's cap_effective, cap_permitted, cap_inheritable). */
export interface CapSets {
  effective: bigint;
  permitted: bigint;
  inheritable: bigint;
}

/** The names of the bits set in `mask`, lowest bit first. */
export function capabilityNames(mask: bigint): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < CAPABILITY_NAMES.length; bit++) {
    if ((mask >> BigInt(bit)) & 1n) out.push(CAPABILITY_NAMES[bit]!);
  }
  return out;
}

/** Hex as printed by bpftrace (%llx) and by /proc/<pid>/status (CapEff: 000001ffffffffff). */
export function parseCapMask(hex: string): bigint | null {
  return /^(0x)?[0-9a-f]{1,16}$/i.test(hex) ? BigInt(hex.startsWith('0x') ? hex : `0x${hex}`) : null;
}

/** Tetragon's `cap` object; an empty set is left out, as protojson omits empty repeated fields. */
export function capabilitiesJson(c: CapSets): CapabilitiesJson {
  const out: CapabilitiesJson = {};
  const permitted = capabilityNames(c.permitted);
  const effective = capabilityNames(c.effective);
  const inheritable = capabilityNames(c.inheritable);
  if (permitted.length) out.permitted = permitted;
  if (effective.length) out.effective = effective;
  if (inheritable.length) out.inheritable = inheritable;
  return out;
}
