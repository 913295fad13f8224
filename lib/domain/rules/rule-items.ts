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

export type RuleFileItem =
  | { kind: 'list'; name: string; items: string[]; append: boolean; at: ItemLocation }
  | { kind: 'macro'; name: string; condition: string; append: boolean; at: ItemLocation; conditionAt: ItemLocation }
  | RuleItem
  | { kind: 'ignored'; at: ItemLocation };

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
  list: new Set(['list', 'items', 'append']),
  macro: new Set(['macro', 'condition', 'append']),
  rule: new Set(['rule', 'desc', 'condition', 'output', 'priority', 'tags', 'enabled', 'exceptions', 'append', 'source']),
};
/** Falco file-level items that do not apply here; accepted so Falco files still load. */
const IGNORED_ITEMS = ['required_engine_version', 'required_plugin_versions'];
const EXCEPTION_KEYS = new Set(['name', 'fields', 'comps', 'values']);
/** With `append: true` a rule may only add to its condition and exceptions, as in Falco. */
const APPENDABLE_RULE_KEYS = new Set(['rule', 'append', 'condition', 'exceptions']);

export function itemKind(data: Record<string, unknown>): 'list' | 'macro' | 'rule' | 'ignored' | undefined {
  const kinds = (['list', 'macro', 'rule'] as const).filter((k) => k in data);
  if (kinds.length === 1) return kinds[0];
  if (kinds.length === 0 && IGNORED_ITEMS.some((k) => k in data)) return 'ignored';
  return undefined;
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
  if (kind === 'ignored') return { kind, at };
  const name = data[kind];
  if (typeof name !== 'string' || name.trim() === '') throw new ItemError(`${kind} name must be a non-empty string`, lineOf(kind));
  const what = `${kind} "${name}"`;
  for (const key of Object.keys(data)) {
    if (!ALLOWED_KEYS[kind].has(key)) throw new ItemError(`unknown field "${key}" in ${what}`, lineOf(key));
  }
  const append = optionalBool(data, 'append', what, lineOf) ?? false;

  if (kind === 'list') {
    const items = data.items;
    if (!Array.isArray(items)) throw new ItemError(`${what}: "items" must be a list`, lineOf('items'));
    const texts = items.map((item) => {
      if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
      throw new ItemError(`${what}: list items must be plain values`, lineOf('items'));
    });
    return { kind, name, items: texts, append, at };
  }

  if (kind === 'macro') {
    const condition = requiredString(data, 'condition', what, lineOf);
    return { kind, name, condition, append, at, conditionAt: locOf('condition') };
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
    exceptions: exceptionSpecs(data.exceptions, what, lineOf('exceptions'), append),
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
