/**
 * Every field a condition or output may name, and the lookup that turns `proc.aname[2]`,
 * `evt.arg.flags` or `k8s.pod.label.app` into a reader.
 *
 * Two sources: the fields Holocron computes from Tetragon data (fields-*.ts), and the rest of
 * Falco's syscall catalogue (falco-field-catalogue.ts), known by name and type but "not
 * available" here — as in Falco, a comparison on them is false and `%field` prints `<NA>`, so a
 * Falco rule that uses them loads and simply never matches on them. An unknown field or a bad
 * argument throws a FieldError, which the loader reports with the file and line of the rule.
 */

import { FALCO_FIELD_CLASSES, type FalcoFieldType } from './falco-field-catalogue';
import type { BoundField, FieldArgSpec, FieldDef, FieldType } from './field-types';
import { CONTAINER_FIELDS } from './fields-container';
import { EVENT_FIELDS } from './fields-event';
import { FD_FIELDS } from './fields-fd';
import { PROCESS_FIELDS } from './fields-process';

export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

/** The fields Holocron computes. */
export const FIELDS: readonly FieldDef[] = [...EVENT_FIELDS, ...PROCESS_FIELDS, ...FD_FIELDS, ...CONTAINER_FIELDS];

const BY_NAME = new Map(FIELDS.map((f) => [f.name, f]));

/** Falco fields that take an argument, and which kind (`proc.aname[2]`, `proc.env[HOME]`). */
const FALCO_ARG_KINDS: Readonly<Record<string, FieldArgSpec['kind']>> = {
  'proc.aname': 'index', 'proc.aexe': 'index', 'proc.aexepath': 'index', 'proc.aargs': 'index',
  'proc.acmdline': 'index', 'proc.apid': 'index', 'fd.types': 'index', 'proc.env': 'key', 'proc.aenv': 'key',
  'evt.arg': 'index-or-key', 'evt.rawarg': 'key', 'evt.type.is': 'key', 'evt.around': 'key', 'evt.abspath': 'key',
  'thread.cgroup': 'key', 'container.mount': 'index-or-key', 'container.mount.source': 'index-or-key',
  'container.mount.dest': 'index-or-key', 'container.mount.mode': 'index-or-key', 'container.mount.rdwr': 'index-or-key',
  'container.mount.propagation': 'index-or-key', 'container.label': 'key', 'k8s.pod.label': 'key', 'k8s.rc.label': 'key',
  'k8s.svc.label': 'key', 'k8s.ns.label': 'key', 'k8s.rs.label': 'key', 'k8s.deployment.label': 'key',
};

/** Fields whose argument may also follow a dot: `evt.arg.flags`, `k8s.pod.label.app`, `evt.type.is.open`. */
const DOTTED_ARG_BASES = Object.keys(FALCO_ARG_KINDS).filter((b) => FALCO_ARG_KINDS[b] !== 'index' && b !== 'proc.env' && !b.startsWith('container.mount'));

/** Whether `name.ARG` (besides `name[ARG]`) is a way to write this field's argument. */
export function acceptsDottedArg(name: string): boolean {
  return DOTTED_ARG_BASES.includes(name);
}

function valueType(type: FalcoFieldType): FieldType {
  switch (type) {
    case 'BOOL':
      return 'bool';
    case 'UINT16': case 'UINT32': case 'UINT64': case 'INT16': case 'INT32': case 'INT64':
    case 'DOUBLE': case 'RELTIME': case 'ABSTIME': case 'PORT':
      return 'number';
    default:
      return 'string';
  }
}

/** Falco's catalogue entries Holocron does not compute: known, typed, never available. */
const NOT_AVAILABLE = new Map<string, FieldDef>();
for (const cls of FALCO_FIELD_CLASSES) {
  for (const [name, falcoType] of cls.fields) {
    if (BY_NAME.has(name)) continue;
    const type = valueType(falcoType);
    const argKind = FALCO_ARG_KINDS[name];
    NOT_AVAILABLE.set(name, {
      name,
      type,
      get: () => undefined,
      ...(argKind ? { arg: { kind: argKind, type, get: () => undefined } } : {}),
      doc: 'Not available from Tetragon',
    });
  }
}

/** A field definition by name: computed first, then Falco's catalogue. */
export function fieldDef(name: string): FieldDef | undefined {
  return BY_NAME.get(name) ?? NOT_AVAILABLE.get(name);
}

/** True when the field is in Falco's catalogue (or is a Holocron extension) but Holocron cannot compute it. */
export function isUnavailableField(ref: string): boolean {
  const { name } = splitRef(ref);
  return ALWAYS_ABSENT.has(name) || (!BY_NAME.has(name) && NOT_AVAILABLE.has(name));
}

/** Fields defined here only to say that Tetragon never carries them. */
const ALWAYS_ABSENT = new Set(['proc.tty', 'evt.num']);

/** Every field name the loader knows, computed or not. */
export function knownFieldNames(): string[] {
  return [...BY_NAME.keys(), ...NOT_AVAILABLE.keys()];
}

/** `proc.aname[2]` → (proc.aname, "2"); `evt.arg.flags` → (evt.arg, "flags"); `proc.name` → (proc.name). */
function splitRef(ref: string): { name: string; raw: string | undefined; bracket: boolean } {
  const bracket = ref.indexOf('[');
  if (bracket >= 0) return { name: ref.slice(0, bracket), raw: ref.endsWith(']') ? ref.slice(bracket + 1, -1) : undefined, bracket: true };
  if (fieldDef(ref)) return { name: ref, raw: undefined, bracket: false };
  for (const base of DOTTED_ARG_BASES) {
    if (ref.startsWith(`${base}.`) && ref.length > base.length + 1) return { name: base, raw: ref.slice(base.length + 1), bracket: false };
  }
  return { name: ref, raw: undefined, bracket: false };
}

export function isKnownField(ref: string): boolean {
  return fieldDef(splitRef(ref).name) !== undefined;
}

/** Binds `name`, `name[arg]` or `base.arg` to a reader, or throws FieldError explaining what is wrong. */
export function resolveField(ref: string): BoundField {
  const { name, raw, bracket } = splitRef(ref);
  const def = fieldDef(name);
  if (!def) throw new FieldError(`unknown field "${ref}"`);
  if (!bracket && raw === undefined) {
    const get = def.get;
    if (!get) throw new FieldError(`field "${name}" needs an argument in brackets, e.g. ${name}[${def.arg?.kind === 'key' ? 'app' : '1'}]`);
    return { name, type: def.type, list: def.list ?? false, get, ...(def.ipnet ? { ipnet: true } : {}) };
  }
  if (raw === undefined) throw new FieldError(`field "${ref}": missing "]"`);
  const spec = def.arg;
  if (!spec) throw new FieldError(`field "${name}" takes no argument`);
  const numeric = /^\d+$/.test(raw);
  if (spec.kind === 'index' || (spec.kind === 'index-or-key' && numeric)) {
    if (!numeric) throw new FieldError(`field "${ref}": the argument must be a number`);
    const index = Number(raw);
    return { name: ref, type: spec.type, list: false, get: (view) => spec.get(view, index) };
  }
  if (raw === '') throw new FieldError(`field "${ref}": empty argument`);
  return { name: ref, type: spec.type, list: false, get: (view) => spec.get(view, raw) };
}
