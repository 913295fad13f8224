/**
 * Falco-style rule exceptions: named sets of field tuples that, when an event matches any one
 * tuple, suppress the rule for that event.
 *
 *   exceptions:
 *     - name: known_readers            # one field: comps defaults to `in`, values is a flat list
 *       fields: proc.name
 *       values: [sshd, sudo]
 *     - name: ns_and_workload          # several fields: comps defaults to `=` for each field,
 *       fields: [k8s.ns.name, k8s.workload.name]      # values is a list of tuples; a tuple
 *       comps: [=, in]                                 # element may itself be a list (or a
 *       values: [[kube-system, [coredns, cilium]]]     # list name) for `in`/`pmatch`
 */

import {
  isScalarOperator,
  isSetOperator,
  type Operator,
} from './condition-ast';
import type { Predicate } from './condition-compiler';
import type { EventView } from './event-view';
import { FieldError, resolveField } from './field-registry';
import type { BoundField } from './field-types';
import { compileValueTest, type ValueTest, ValueError } from './value-matchers';

/** An exception as written in the rule file (already checked to be an object). */
export interface ExceptionSpec {
  name: string;
  /** Only missing on an appended exception that adds values to an existing one. */
  fields?: string | string[];
  comps?: string | string[];
  values?: unknown[];
}

export class ExceptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExceptionError';
  }
}

/** One predicate that is true when any of the exceptions matches; undefined when there are none. */
export function compileExceptions(
  specs: readonly ExceptionSpec[],
  lists: ReadonlyMap<string, readonly string[]>,
): Predicate | undefined {
  const tests = specs.map((spec) => compileException(spec, lists)).filter((t): t is Predicate => t !== undefined);
  if (tests.length === 0) return undefined;
  return (view) => tests.some((test) => test(view));
}

function compileException(spec: ExceptionSpec, lists: ReadonlyMap<string, readonly string[]>): Predicate | undefined {
  const where = `exception "${spec.name}"`;
  if (spec.fields === undefined) throw new ExceptionError(`${where}: "fields" is required`);
  const single = typeof spec.fields === 'string';
  const fieldRefs = single ? [spec.fields as string] : (spec.fields as string[]);
  if (fieldRefs.length === 0) throw new ExceptionError(`${where}: "fields" is empty`);
  const fields = fieldRefs.map((ref) => bindField(ref, where));
  const comps = compsFor(spec, fieldRefs.length, single, where);
  const values = spec.values ?? [];
  if (values.length === 0) return undefined; // Falco allows values to come later (append)

  if (single) {
    const field = fields[0]!;
    const comp = comps[0]!;
    const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
    const test = fieldTest(field, comp, flat, lists, where);
    const get = field.get;
    return (view) => test(get(view));
  }

  const tuples = values.map((tuple, t) => {
    if (!Array.isArray(tuple) || tuple.length !== fields.length) {
      throw new ExceptionError(`${where}: value ${t + 1} must be a list of ${fields.length} values, one per field`);
    }
    const tests = tuple.map((value, i) => {
      const field = fields[i]!;
      const get = field.get;
      const test = fieldTest(field, comps[i]!, Array.isArray(value) ? value : [value], lists, where);
      return (view: EventView) => test(get(view));
    });
    return (view: EventView) => tests.every((test) => test(view));
  });
  return (view) => tuples.some((match) => match(view));
}

function bindField(ref: string, where: string): BoundField {
  try {
    return resolveField(ref);
  } catch (err) {
    if (err instanceof FieldError) throw new ExceptionError(`${where}: ${err.message}`);
    throw err;
  }
}

function compsFor(spec: ExceptionSpec, count: number, single: boolean, where: string): Operator[] {
  const raw = spec.comps;
  const comps = raw === undefined ? Array<string>(count).fill(single ? 'in' : '=') : Array.isArray(raw) ? raw : [raw];
  if (comps.length !== count) throw new ExceptionError(`${where}: ${count} fields but ${comps.length} comps`);
  return comps.map((comp) => {
    if (isScalarOperator(comp) || isSetOperator(comp)) return comp;
    throw new ExceptionError(`${where}: unknown comparison "${comp}"`);
  });
}

/** `values` are the candidates for one field; several of them (or a list name) mean "any of". */
function fieldTest(
  field: BoundField,
  comp: Operator,
  values: unknown[],
  lists: ReadonlyMap<string, readonly string[]>,
  where: string,
): ValueTest {
  const texts = values.flatMap((v) => {
    const text = String(v);
    return lists.get(text) ?? [text];
  });
  try {
    if (isSetOperator(comp)) return compileValueTest(field, comp, texts);
    // `=` with several candidates is `in`; other scalar comparisons hold if any candidate does.
    if (comp === '=' || comp === '==') return compileValueTest(field, 'in', texts);
    const tests = texts.map((text) => compileValueTest(field, comp, [text]));
    return (value) => tests.some((test) => test(value));
  } catch (err) {
    if (err instanceof ValueError) throw new ExceptionError(`${where}: ${err.message}`);
    throw err;
  }
}
