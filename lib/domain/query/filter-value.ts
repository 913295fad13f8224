import type { Chip } from './chips';
import { regex } from './kind-values';
import { KINDS, type FilterKind } from './kinds';
import type { Direction } from './parse';
import { stripLabelSource } from './value-match';

/**
 * "Filter by this value" from a table cell or a details field: the chip that matches exactly the
 * value shown. Kinds whose value is a regular expression get an anchored, escaped pattern, so
 * clicking `/v1/exhaust-port` does not also match `/v1/exhaust-port-2` or treat `.` as a wildcard.
 */
const REGEX_KINDS = new Set<string>(KINDS.filter((k) => k.normalize === regex).map((k) => k.name));

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
}

export function exactFilterValue(kind: string, value: string): string {
  if (REGEX_KINDS.has(kind)) return `^${escapeRegex(value)}$`;
  if (kind === 'label') return stripLabelSource(value);
  return value;
}

export function filterChip(kind: FilterKind, value: string, opts: { direction?: Direction; negate?: boolean } = {}): Chip {
  return { kind, direction: opts.direction ?? 'either', negate: opts.negate ?? false, value: exactFilterValue(kind, value) };
}
