/**
 * Every field a condition or output may name, and the lookup that turns `proc.aname[2]` into a
 * reader. An unknown field or a bad argument throws a FieldError, which the loader reports with
 * the file and line of the rule.
 */

import type { BoundField, FieldDef } from './field-types';
import { CONTAINER_FIELDS } from './fields-container';
import { EVENT_FIELDS } from './fields-event';
import { PROCESS_FIELDS } from './fields-process';

export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

export const FIELDS: readonly FieldDef[] = [...EVENT_FIELDS, ...PROCESS_FIELDS, ...CONTAINER_FIELDS];

const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));

export function isKnownField(ref: string): boolean {
  const bracket = ref.indexOf('[');
  return BY_NAME.has(bracket < 0 ? ref : ref.slice(0, bracket));
}

/** Binds `name` or `name[arg]` to a reader, or throws FieldError explaining what is wrong. */
export function resolveField(ref: string): BoundField {
  const bracket = ref.indexOf('[');
  const name = bracket < 0 ? ref : ref.slice(0, bracket);
  const def = BY_NAME.get(name);
  if (!def) throw new FieldError(`unknown field "${ref}"`);
  if (bracket < 0) {
    const get = def.get;
    if (!get) throw new FieldError(`field "${name}" needs an argument in brackets, e.g. ${name}[${def.arg?.kind === 'key' ? 'app' : '1'}]`);
    return { name, type: def.type, list: def.list ?? false, get };
  }
  if (!ref.endsWith(']')) throw new FieldError(`field "${ref}": missing "]"`);
  const spec = def.arg;
  if (!spec) throw new FieldError(`field "${name}" takes no argument`);
  const raw = ref.slice(bracket + 1, -1);
  if (spec.kind === 'index') {
    if (!/^\d+$/.test(raw)) throw new FieldError(`field "${ref}": the argument must be a number`);
    const index = Number(raw);
    return { name: ref, type: spec.type, list: false, get: (view) => spec.get(view, index) };
  }
  if (raw === '') throw new FieldError(`field "${ref}": empty argument`);
  return { name: ref, type: spec.type, list: false, get: (view) => spec.get(view, raw) };
}
