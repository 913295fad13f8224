import { CAPABILITY_NAMES } from '@/lib/domain/capability-names';
import type { CapabilitiesJson } from '@/lib/domain/wire-types';

export { CAPABILITY_NAMES } from '@/lib/domain/capability-names';

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
