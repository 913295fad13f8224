/**
 * Compiles a parsed condition into one closure over an EventView — no eval, no re-parsing per
 * event — and works out which evt.type values it can possibly match, so that the engine only
 * offers each event to the rules that could fire on it.
 */

import type { CheckNode, Expr, ValueNode } from './condition-ast';
import { ConditionError } from './condition-error';
import { type EventView, falcoEventType } from './event-view';
import { FieldError, isKnownField, resolveField } from './field-registry';
import { compileValueTest, ValueError } from './value-matchers';

export type Predicate = (view: EventView) => boolean;

export interface CompiledCondition {
  test: Predicate;
  /** The evt.type values the condition can be true for; null when it does not constrain them. */
  eventTypes: ReadonlySet<string> | null;
}

export interface ConditionEnv {
  /** Lists by name, their items already expanded. */
  lists: ReadonlyMap<string, readonly string[]>;
  /** The compiled macro; undefined when there is none by that name; a reason when it is broken. */
  macro(name: string): CompiledCondition | string | undefined;
}

export function compileCondition(expr: Expr, env: ConditionEnv): CompiledCondition {
  switch (expr.type) {
    case 'and':
    case 'or': {
      const parts = expr.items.map((item) => compileCondition(item, env));
      const tests = parts.map((p) => p.test);
      const types = parts.map((p) => p.eventTypes);
      return expr.type === 'and'
        ? { test: allOf(tests), eventTypes: intersect(types) }
        : { test: anyOf(tests), eventTypes: union(types) };
    }
    case 'not': {
      const inner = compileCondition(expr.operand, env).test;
      return { test: (view) => !inner(view), eventTypes: null };
    }
    case 'macro': {
      const macro = env.macro(expr.name);
      if (typeof macro === 'string') throw new ConditionError(macro, expr.offset);
      if (macro) return macro;
      const reason = isKnownField(expr.name)
        ? `field "${expr.name}" needs an operator`
        : `unknown macro "${expr.name}"`;
      throw new ConditionError(reason, expr.offset);
    }
    case 'check':
      return compileCheck(expr, env);
  }
}

function compileCheck(node: CheckNode, env: ConditionEnv): CompiledCondition {
  let field;
  try {
    field = resolveField(node.field);
  } catch (err) {
    if (err instanceof FieldError) throw new ConditionError(err.message, node.offset);
    throw err;
  }
  const { values, offsets } = expandValues(node, env);
  let valueTest;
  try {
    valueTest = compileValueTest(field, node.op, values);
  } catch (err) {
    if (err instanceof ValueError) throw new ConditionError(err.message, offsets[err.index] ?? node.opOffset);
    throw err;
  }
  const get = field.get;
  const constrains = (node.op === '=' || node.op === 'in' || node.op === 'intersects') && (field.name === 'evt.type' || field.name === 'evt.hook');
  // A hook name decides the evt.type (falco-syscalls.ts), so `evt.hook = tcp_connect` indexes the
  // rule under `connect` just as `evt.type = connect` would.
  const types = !constrains ? null : field.name === 'evt.type' ? new Set(values) : new Set(values.map(typeOfHook));
  return {
    test: (view) => valueTest(get(view)),
    eventTypes: types,
  };
}

/** Replaces list names inside a set operator's values by the lists' items. */
function expandValues(node: CheckNode, env: ConditionEnv): { values: string[]; offsets: number[] } {
  const values: string[] = [];
  const offsets: number[] = [];
  const isSet = node.op === 'in' || node.op === 'intersects' || node.op === 'pmatch';
  for (const value of node.values) {
    const list = isSet ? listFor(value, env) : undefined;
    if (list) {
      for (const item of list) {
        values.push(item);
        offsets.push(value.offset);
      }
    } else if (node.bareList) {
      throw new ConditionError(`unknown list "${value.text}"`, value.offset);
    } else {
      values.push(value.text);
      offsets.push(value.offset);
    }
  }
  return { values, offsets };
}

function listFor(value: ValueNode, env: ConditionEnv): readonly string[] | undefined {
  return value.quoted ? undefined : env.lists.get(value.text);
}

function allOf(tests: Predicate[]): Predicate {
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return (view) => a(view) && b(view);
  }
  return (view) => {
    for (const test of tests) if (!test(view)) return false;
    return true;
  };
}

function anyOf(tests: Predicate[]): Predicate {
  if (tests.length === 2) {
    const [a, b] = tests as [Predicate, Predicate];
    return (view) => a(view) || b(view);
  }
  return (view) => {
    for (const test of tests) if (test(view)) return true;
    return false;
  };
}

function intersect(sets: (ReadonlySet<string> | null)[]): ReadonlySet<string> | null {
  let result: Set<string> | null = null;
  for (const set of sets) {
    if (!set) continue;
    const next = new Set<string>();
    for (const t of result ?? set) if (set.has(t)) next.add(t);
    result = next;
  }
  return result;
}

function union(sets: (ReadonlySet<string> | null)[]): ReadonlySet<string> | null {
  const result = new Set<string>();
  for (const set of sets) {
    if (!set) return null;
    for (const t of set) result.add(t);
  }
  return result;
}

/** The evt.type of events whose evt.hook is `hook`: a tracepoint when it has a slash, else a kprobe. */
function typeOfHook(hook: string): string {
  if (hook === 'execve' || hook === 'procexit') return hook;
  return falcoEventType(hook.includes('/') ? 'process_tracepoint' : 'process_kprobe', hook).type;
}
