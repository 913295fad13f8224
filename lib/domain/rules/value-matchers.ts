/**
 * Turns `field OP values` into a test on the field's value, doing all parsing of the values
 * (numbers, booleans, globs, sets) once at load time.
 *
 * Semantics, as in Falco: a field that is absent for the event makes every operator false
 * (`!=` and `exists` included), except an equality with Falco's own "<NA>" / "N/A" text. A list field (proc.aname, proc.argv, k8s.pod.labels, …) matches
 * when any one element does, except `!=`, which needs no element to be equal.
 */

import type { Operator } from './condition-ast';
import type { BoundField, FieldScalar, FieldValue } from './field-types';
import { compileGlob } from './glob';
import { ipMatches } from '@/lib/domain/query/value-match';
import { compileRegex } from '@/lib/domain/regex/re2';

export type ValueTest = (value: FieldValue) => boolean;

/** A value that does not fit the field (`index` says which), or an operator that does not (-1). */
export class ValueError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'ValueError';
  }
}

const STRING_OPERATORS = new Set<Operator>(['contains', 'icontains', 'startswith', 'endswith', 'glob', 'iglob', 'pmatch', 'bcontains', 'bstartswith', 'regex']);
const NUMERIC_OPERATORS = new Set<Operator>(['<', '<=', '>', '>=']);

export function compileValueTest(field: BoundField, op: Operator, values: readonly string[]): ValueTest {
  if (op === 'exists') return present;
  if (field.ipnet && (op === '=' || op === '==' || op === '!=' || op === 'in' || op === 'intersects')) return networkTest(field, op, values);
  if (STRING_OPERATORS.has(op) && field.type !== 'string') {
    throw new ValueError(`operator "${op}" needs a text field, but ${field.name} is a ${typeName(field)}`, -1);
  }
  if (NUMERIC_OPERATORS.has(op) && field.type !== 'number') {
    throw new ValueError(`operator "${op}" needs a numeric field, but ${field.name} is a ${typeName(field)}`, -1);
  }
  const typed = values.map((text, i) => coerce(field, text, i));
  const first = typed[0] as FieldScalar; // scalar operators always carry exactly one value
  switch (op) {
    case '=':
    case '==':
      return naAware(typed, any((v) => v === first));
    case '!=': {
      const equal = any((v) => v === first);
      return (value) => present(value) && !equal(value);
    }
    case '<':
      return any((v) => (v as number) < (first as number));
    case '<=':
      return any((v) => (v as number) <= (first as number));
    case '>':
      return any((v) => (v as number) > (first as number));
    case '>=':
      return any((v) => (v as number) >= (first as number));
    case 'contains': {
      const needle = first as string;
      return any((v) => (v as string).includes(needle));
    }
    case 'icontains': {
      const needle = (first as string).toLowerCase();
      return any((v) => (v as string).toLowerCase().includes(needle));
    }
    case 'startswith': {
      const prefix = first as string;
      return any((v) => (v as string).startsWith(prefix));
    }
    case 'endswith': {
      const suffix = first as string;
      return any((v) => (v as string).endsWith(suffix));
    }
    case 'glob': {
      const match = compileGlob(first as string);
      return any((v) => match(v as string));
    }
    case 'iglob': {
      const match = compileGlob((first as string).toLowerCase());
      return any((v) => match((v as string).toLowerCase()));
    }
    case 'bcontains':
    case 'bstartswith': {
      // The operand is hex (Falco: `evt.buffer bcontains CAFEBABE`); compare the value's bytes.
      const hex = (first as string).toLowerCase();
      if (!/^([0-9a-f]{2})+$/.test(hex)) throw new ValueError(`${op} needs hexadecimal bytes, e.g. 7f454c46, not ${JSON.stringify(first)}`, 0);
      const needle = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
      return op === 'bcontains'
        ? any((v) => bytesIndexOf(UTF8.encode(v as string), needle) >= 0)
        : any((v) => bytesIndexOf(UTF8.encode(v as string), needle) === 0);
    }
    case 'regex': {
      const match = wholeValueRegex(first as string);
      return any((v) => match(v as string));
    }
    case 'in':
    case 'intersects': {
      const test = typed.length === 1 ? any((v) => v === first) : ((set) => any((v) => set.has(v)))(new Set<FieldScalar>(typed));
      return naAware(typed, test);
    }
    case 'pmatch':
      return any(pathPrefixTest(typed as string[]));
  }
}

const UTF8 = new TextEncoder();

/** Where `needle` starts in `hay` (first match), or -1. */
function bytesIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** What Falco prints for a value a field lacks; its rules test for them (`proc.name in ("<NA>", "N/A")`). */
const NA_TEXTS = new Set<FieldScalar>(['<NA>', 'N/A']);

/**
 * An absent value reads `<NA>` in Falco (and `N/A` for some container fields), so `= "<NA>"` and
 * `in ("<NA>", "N/A")` hold for it — otherwise `not x in ("<NA>")`, Falco's way to say "x is
 * known", would be true for every field Tetragon cannot provide.
 */
function naAware(values: readonly FieldScalar[], test: ValueTest): ValueTest {
  if (!values.some((v) => NA_TEXTS.has(v))) return test;
  return (value) => !present(value) || test(value);
}

/**
 * Falco's `regex`: RE2 (lib/domain/regex, as for q), matching the whole value (libs anchor both
 * ends), so a rule cannot stall detection with a backtracking pattern.
 */
function wholeValueRegex(pattern: string): (v: string) => boolean {
  try {
    compileRegex(pattern);
  } catch (e) {
    throw new ValueError(`invalid regular expression (RE2 syntax): ${(e as Error).message}`, 0);
  }
  const re = compileRegex(`\\A(?:${pattern})\\z`);
  return (v) => re.test(v);
}

/** Falco's IPNET fields: the address is in one of the networks (a bare address is a /32). */
function networkTest(field: BoundField, op: Operator, values: readonly string[]): ValueTest {
  values.forEach((v, i) => {
    if (!/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(v)) throw new ValueError(`${field.name} is compared with IPv4 networks such as 10.0.0.0/8, not ${JSON.stringify(v)}`, i);
  });
  const inAny = any((v) => values.some((net) => ipMatches(v as string, net)));
  return op === '!=' ? (value) => present(value) && !inAny(value) : inAny;
}

function typeName(field: BoundField): string {
  return field.list ? `list of ${field.type}` : field.type;
}

function present(value: FieldValue): boolean {
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** Lifts a test on one value to a field value that may be absent or a list. */
function any(test: (v: FieldScalar) => boolean): ValueTest {
  return (value) => {
    if (value === undefined) return false;
    if (!Array.isArray(value)) return test(value as FieldScalar);
    for (const v of value as readonly FieldScalar[]) if (test(v)) return true;
    return false;
  };
}

function coerce(field: BoundField, text: string, index: number): FieldScalar {
  if (field.type === 'number') {
    const n = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) throw new ValueError(`${field.name} is a number, but ${JSON.stringify(text)} is not`, index);
    return n;
  }
  if (field.type === 'bool') {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new ValueError(`${field.name} is true or false, not ${JSON.stringify(text)}`, index);
  }
  return text;
}

/** pmatch: the path is one of the prefixes or lies below one (`/var/log` matches `/var/log/x`, not `/var/logs`). */
function pathPrefixTest(prefixes: string[]): (v: FieldScalar) => boolean {
  const dirs = prefixes.map((p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p));
  return (v) => {
    const path = v as string;
    for (const dir of dirs) {
      if (dir === '/' ? path.startsWith('/') : path === dir || (path.startsWith(dir) && path[dir.length] === '/')) return true;
    }
    return false;
  };
}
