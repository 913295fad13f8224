/**
 * Checks the shape of one rule-file item (keys, types, priority) and turns it into a typed
 * list, macro or rule definition. Conditions are only checked later, once every list and macro
 * of every file is known.
 */

import { parsePriority, type Priority } from './priority';
import type { ExceptionSpec } from './rule-exceptions';
import type { RawItem } from './rule-yaml';

export interface ItemLocation {
  file: string;
  line: number;
}

/** Falco's `override:` — per key, `append` to the earlier definition or `replace` it. */
export type OverrideSpec = Partial<Record<OverridableKey, 'append' | 'replace'>>;
export type OverridableKey = 'items' | 'condition' | 'output' | 'desc' | 'priority' | 'tags' | 'exceptions' | 'enabled';

/** A plugin a rule file asks for (`required_plugin_versions`). */
export interface PluginRequirement {
  name: string;
  version: string;
  alternatives: { name: string; version: string }[];
}

export type RuleFileItem =
  | { kind: 'list'; name: string; items: string[]; append: boolean; override?: OverrideSpec; at: ItemLocation }
  | { kind: 'macro'; name: string; condition: string; append: boolean; override?: OverrideSpec; at: ItemLocation; conditionAt: ItemLocation }
  | RuleItem
  | { kind: 'engine_version'; version: string; at: ItemLocation }
  | { kind: 'plugins'; plugins: PluginRequirement[]; at: ItemLocation };

export interface RuleItem {
  kind: 'rule';
  name: string;
  append: boolean;
  desc?: string;
  condition?: string;
  output?: string;
  priority?: Priority;
  tags?: string[];
  enabled?: boolean;
  exceptions?: ExceptionSpec[];
  source?: string;
  override?: OverrideSpec;
  /** Falco's `skip-if-unknown-filter`: a rule using an unknown field is skipped, not an error. */
  skipIfUnknownFilter?: boolean;
  at: ItemLocation;
  conditionAt: ItemLocation;
  outputAt: ItemLocation;
  exceptionsAt: ItemLocation;
}

/** A shape problem, at a specific line of the item. */
export class ItemError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ItemError';
  }
}

const ALLOWED_KEYS = {
  list: new Set(['list', 'items', 'append', 'override']),
  macro: new Set(['macro', 'condition', 'append', 'override', 'source']),
  // warn_evttypes and capture* tune Falco itself (warnings, capture files): accepted, no effect here.
  rule: new Set(['rule', 'desc', 'condition', 'output', 'priority', 'tags', 'enabled', 'exceptions', 'append', 'source',
    'override', 'warn_evttypes', 'skip-if-unknown-filter', 'capture', 'capture_duration']),
};
/** Falco file-level items. */
const FILE_ITEMS = ['required_engine_version', 'required_plugin_versions'];
/** Which keys `override:` may name, and how, per item kind (Falco's rules). */
const OVERRIDABLE: Record<'list' | 'macro' | 'rule', Partial<Record<OverridableKey, readonly ('append' | 'replace')[]>>> = {
  list: { items: ['append', 'replace'] },
  macro: { condition: ['append', 'replace'] },
  rule: {
    condition: ['append', 'replace'], output: ['append', 'replace'], desc: ['append', 'replace'], tags: ['append', 'replace'],
    exceptions: ['append', 'replace'], priority: ['replace'], enabled: ['replace'],
  },
};
const EXCEPTION_KEYS = new Set(['name', 'fields', 'comps', 'values']);
/** With `append: true` a rule may only add to its condition and exceptions, as in Falco. */
const APPENDABLE_RULE_KEYS = new Set(['rule', 'append', 'condition', 'exceptions']);

export function itemKind(data: Record<string, unknown>): 'list' | 'macro' | 'rule' | 'file' | undefined {
  const kinds = (['list', 'macro', 'rule'] as const).filter((k) => k in data);
  if (kinds.length === 1) return kinds[0];
  if (kinds.length === 0 && FILE_ITEMS.some((k) => k in data)) return 'file';
  return undefined;
}

/** `required_engine_version: 0.57.0` (or the old integer form, `10` = 0.10.0). */
function engineVersionItem(data: Record<string, unknown>, at: ItemLocation, line: number): RuleFileItem {
  const value = data.required_engine_version;
  const text = typeof value === 'number' && Number.isInteger(value) ? `0.${value}.0` : typeof value === 'string' ? value.trim() : '';
  if (!/^\d+\.\d+\.\d+$/.test(text)) {
    throw new ItemError(`required_engine_version must be a version such as 0.57.0, not ${JSON.stringify(value)}`, line);
  }
  return { kind: 'engine_version', version: text, at };
}

function pluginsItem(data: Record<string, unknown>, at: ItemLocation, line: number): RuleFileItem {
  const value = data.required_plugin_versions;
  const entry = (v: unknown): { name: string; version: string } => {
    const o = v as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || typeof o.name !== 'string' || (typeof o.version !== 'string' && typeof o.version !== 'number')) {
      throw new ItemError('required_plugin_versions: each entry needs a name and a version', line);
    }
    return { name: o.name, version: String(o.version) };
  };
  if (!Array.isArray(value)) throw new ItemError('required_plugin_versions must be a list of {name, version}', line);
  const plugins = value.map((v) => {
    const alternatives = (v as { alternatives?: unknown } | null)?.alternatives;
    if (alternatives !== undefined && !Array.isArray(alternatives)) throw new ItemError('required_plugin_versions: alternatives must be a list', line);
    return { ...entry(v), alternatives: (alternatives ?? []).map(entry) };
  });
  return { kind: 'plugins', plugins, at };
}

function overrideSpec(value: unknown, kind: 'list' | 'macro' | 'rule', what: string, line: number): OverrideSpec | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ItemError(`${what}: "override" must be a mapping such as {condition: append}`, line);
  }
  const spec: OverrideSpec = {};
  for (const [key, how] of Object.entries(value as Record<string, unknown>)) {
    const allowed = OVERRIDABLE[kind][key as OverridableKey];
    if (!allowed) throw new ItemError(`${what}: "${key}" cannot be overridden (${Object.keys(OVERRIDABLE[kind]).join(', ')} can)`, line);
    if (how !== 'append' && how !== 'replace') throw new ItemError(`${what}: override of "${key}" must be append or replace, not ${JSON.stringify(how)}`, line);
    if (!allowed.includes(how)) throw new ItemError(`${what}: "${key}" can only be overridden with ${allowed.join(' or ')}`, line);
    spec[key as OverridableKey] = how;
  }
  return spec;
}

export function toRuleFileItem(raw: RawItem): RuleFileItem {
  const { data } = raw;
  const at = { file: raw.file, line: raw.line };
  const lineOf = (key: string) => raw.keyLines[key] ?? raw.line;
  const locOf = (key: string) => ({ file: raw.file, line: lineOf(key) });
  const kind = itemKind(data);
  if (kind === undefined) {
    throw new ItemError('unknown item: expected exactly one of "rule", "macro" or "list"', raw.line);
  }
  if (kind === 'file') {
    return 'required_engine_version' in data ? engineVersionItem(data, at, raw.line) : pluginsItem(data, at, raw.line);
  }
  const name = data[kind];
  if (typeof name !== 'string' || name.trim() === '') throw new ItemError(`${kind} name must be a non-empty string`, lineOf(kind));
  const what = `${kind} "${name}"`;
  for (const key of Object.keys(data)) {
    if (!ALLOWED_KEYS[kind].has(key)) throw new ItemError(`unknown field "${key}" in ${what}`, lineOf(key));
  }
  const append = optionalBool(data, 'append', what, lineOf) ?? false;
  const override = overrideSpec(data.override, kind, what, lineOf('override'));
  if (override && append) throw new ItemError(`${what}: use either "append: true" or "override", not both`, lineOf('override'));
  if (override) {
    for (const key of Object.keys(data)) {
      if (key !== kind && key !== 'override' && !(key in override)) {
        throw new ItemError(`${what}: "${key}" is given but not named in "override"`, lineOf(key));
      }
    }
    for (const key of Object.keys(override)) {
      if (!(key in data)) throw new ItemError(`${what}: "override" names "${key}" but the item does not give it`, lineOf('override'));
    }
  }

  if (kind === 'list') {
    const items = data.items;
    if (!Array.isArray(items)) throw new ItemError(`${what}: "items" must be a list`, lineOf('items'));
    const texts = items.map((item) => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw new ItemError(`${what}: list items must be plain values`, lineOf('items'));
    });
    return { kind, name, items: texts, append, ...(override ? { override } : {}), at };
  }

  if (kind === 'macro') {
    const condition = requiredString(data, 'condition', what, lineOf);
    return { kind, name, condition, append, ...(override ? { override } : {}), at, conditionAt: locOf('condition') };
  }

  if (append) {
    for (const key of Object.keys(data)) {
      if (!APPENDABLE_RULE_KEYS.has(key)) {
        throw new ItemError(`${what}: with append: true only "condition" and "exceptions" can be given, not "${key}"`, lineOf(key));
      }
    }
  }
  const rule: RuleItem = {
    kind,
    name,
    append,
    desc: optionalString(data, 'desc', what, lineOf),
    condition: optionalString(data, 'condition', what, lineOf),
    output: optionalString(data, 'output', what, lineOf),
    enabled: optionalBool(data, 'enabled', what, lineOf),
    source: optionalString(data, 'source', what, lineOf),
    tags: optionalStrings(data, 'tags', what, lineOf),
    exceptions: exceptionSpecs(data.exceptions, what, lineOf('exceptions'), append || override?.exceptions === 'append'),
    ...(override ? { override } : {}),
    skipIfUnknownFilter: optionalBool(data, 'skip-if-unknown-filter', what, lineOf),
    at,
    conditionAt: locOf('condition'),
    outputAt: locOf('output'),
    exceptionsAt: locOf('exceptions'),
  };
  if (data.priority !== undefined) {
    const priority = typeof data.priority === 'string' ? parsePriority(data.priority) : undefined;
    if (!priority) {
      throw new ItemError(
        `${what}: unknown priority ${JSON.stringify(data.priority)} (use EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL or DEBUG)`,
        lineOf('priority'),
      );
    }
    rule.priority = priority;
  }
  return rule;
}

type LineOf = (key: string) => number;

function requiredString(data: Record<string, unknown>, key: string, what: string, lineOf: LineOf): string {
  const value = optionalString(data, key, what, lineOf);
  if (value === undefined) throw new ItemError(`${what}: "${key}" is required`, lineOf(key));
  return value;
}

/** Folded YAML scalars end with a newline; conditions and outputs should not. */
function optionalString(data: Record<string, unknown>, key: string, what: string, lineOf: LineOf): string | undefined {
  const value = data[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ItemError(`${what}: "${key}" must be text`, lineOf(key));
  return value.trim();
}

function optionalBool(data: Record<string, unknown>, key: string, what: string, lineOf: LineOf): boolean | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new ItemError(`${what}: "${key}" must be true or false`, lineOf(key));
  return value;
}

function optionalStrings(data: Record<string, unknown>, key: string, what: string, lineOf: LineOf): string[] | undefined {
  const value = data[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ItemError(`${what}: "${key}" must be a list of strings`, lineOf(key));
  }
  return value as string[];
}

function isPlain(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** With `append`, an exception may give only a name and values: they extend the one of that name. */
function exceptionSpecs(value: unknown, what: string, line: number, append: boolean): ExceptionSpec[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ItemError(`${what}: "exceptions" must be a list`, line);
  return value.map((ex: unknown, i) => {
    if (typeof ex !== 'object' || ex === null || Array.isArray(ex)) {
      throw new ItemError(`${what}: exception ${i + 1} must be a mapping with name, fields and values`, line);
    }
    const spec = ex as Record<string, unknown>;
    for (const key of Object.keys(spec)) {
      if (!EXCEPTION_KEYS.has(key)) throw new ItemError(`${what}: unknown field "${key}" in exception ${i + 1}`, line);
    }
    const { name, fields, comps, values } = spec;
    if (typeof name !== 'string' || name === '') throw new ItemError(`${what}: exception ${i + 1} needs a name`, line);
    const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!(append && fields === undefined) && typeof fields !== 'string' && !isStringList(fields)) {
      throw new ItemError(`${what}: exception "${name}": "fields" must be a field or a list of fields`, line);
    }
    if (comps !== undefined && typeof comps !== 'string' && !isStringList(comps)) {
      throw new ItemError(`${what}: exception "${name}": "comps" must be an operator or a list of operators`, line);
    }
    const valuesOk =
      values === undefined ||
      (Array.isArray(values) && values.every((v) => isPlain(v) || (Array.isArray(v) && v.every((x) => isPlain(x) || (Array.isArray(x) && x.every(isPlain))))));
    if (!valuesOk) throw new ItemError(`${what}: exception "${name}": "values" must be a list of values or of value tuples`, line);
    return { name, fields: fields as string | string[] | undefined, comps: comps as string | string[] | undefined, values: values as unknown[] | undefined };
  });
}
