/**
 * compileRuleFiles: rule files (text) → compiled rules + errors with file and line.
 *
 * Lists and macros are global across the files, as in Falco: items are merged in file order
 * (a later definition replaces an earlier one, `append: true` extends it), then every macro and
 * rule is compiled against the result. A broken item is reported and skipped; everything that
 * does not depend on it still loads.
 */

import { compileCondition, type CompiledCondition, type ConditionEnv } from './condition-compiler';
import { ConditionError } from './condition-error';
import { parseCondition } from './condition-parser';
import { compileOutput, OutputError } from './output-template';
import { compileExceptions, ExceptionError, type ExceptionSpec } from './rule-exceptions';
import { ItemError, itemKind, type ItemLocation, type RuleItem, toRuleFileItem } from './rule-items';
import type { CompiledRule, RuleFileError } from './rule-types';
import { readRuleFileItems, type RuleFileSource } from './rule-yaml';

interface ListDef { items: string[]; at: ItemLocation }
interface MacroDef { condition: string; at: ItemLocation; conditionAt: ItemLocation }

export function compileRuleFiles(files: readonly RuleFileSource[]): { rules: CompiledRule[]; errors: RuleFileError[] } {
  const errors: RuleFileError[] = [];
  const report = (at: ItemLocation, message: string) => errors.push({ file: at.file, line: at.line, message });
  const lists = new Map<string, ListDef>();
  const macros = new Map<string, MacroDef>();
  const rules = new Map<string, RuleItem>();
  /** Lists and macros whose definition failed, so their users get a pointer instead of "unknown". */
  const broken = new Map<string, ItemLocation>();

  for (const file of files) {
    const read = readRuleFileItems(file);
    errors.push(...read.errors);
    for (const raw of read.items) {
      let item;
      try {
        item = toRuleFileItem(raw);
      } catch (err) {
        if (!(err instanceof ItemError)) throw err;
        report({ file: raw.file, line: err.line }, err.message);
        const kind = itemKind(raw.data);
        const name = kind === 'list' || kind === 'macro' ? raw.data[kind] : undefined;
        if (typeof name === 'string') broken.set(name, { file: raw.file, line: raw.line });
        continue;
      }
      if (item.kind === 'ignored') continue;
      const previous = item.kind === 'list' ? lists.get(item.name) : item.kind === 'macro' ? macros.get(item.name) : rules.get(item.name);
      if (item.append && !previous) {
        report(item.at, `${item.kind} "${item.name}" has append: true but no earlier ${item.kind} of that name`);
        continue;
      }
      if (item.kind !== 'rule') broken.delete(item.name); // a later good definition wins
      if (item.kind === 'list') {
        const items = item.append ? [...(lists.get(item.name)?.items ?? []), ...item.items] : item.items;
        lists.set(item.name, { items, at: item.at });
      } else if (item.kind === 'macro') {
        const before = macros.get(item.name);
        const condition = item.append && before ? `${before.condition} ${item.condition}` : item.condition;
        macros.set(item.name, { condition, at: item.at, conditionAt: before && item.append ? before.conditionAt : item.conditionAt });
      } else {
        mergeRule(rules, item, report);
      }
    }
  }

  const expandedLists = expandLists(lists, report);
  const compiledMacros = compileMacros(macros, expandedLists, broken, report);
  const env = makeEnv(expandedLists, compiledMacros, broken);
  const compiled: CompiledRule[] = [];
  for (const rule of rules.values()) {
    const result = compileRule(rule, env, expandedLists);
    if ('error' in result) report(result.at, result.error);
    else compiled.push(result.rule);
  }
  return { rules: compiled, errors: inFileOrder(errors, files) };
}

/** Errors are found in several passes; users read them best file by file, top to bottom. */
function inFileOrder(errors: RuleFileError[], files: readonly RuleFileSource[]): RuleFileError[] {
  const fileIndex = new Map(files.map((f, i) => [f.name, i]));
  return errors
    .map((error, i) => ({ error, i }))
    .sort((a, b) => (fileIndex.get(a.error.file) ?? 0) - (fileIndex.get(b.error.file) ?? 0) || a.error.line - b.error.line || a.i - b.i)
    .map(({ error }) => error);
}

function mergeRule(rules: Map<string, RuleItem>, item: RuleItem, report: (at: ItemLocation, message: string) => void): void {
  const before = rules.get(item.name);
  if (item.append && before) {
    rules.set(item.name, {
      ...before,
      condition: item.condition ? `${before.condition ?? ''} ${item.condition}` : before.condition,
      exceptions: mergeExceptions(before.exceptions ?? [], item.exceptions ?? []),
    });
    return;
  }
  // `- rule: x / enabled: false` switches an existing rule on or off without redefining it.
  const onlyEnabled = item.condition === undefined && item.output === undefined && item.priority === undefined;
  if (onlyEnabled && before && item.enabled !== undefined) {
    rules.set(item.name, { ...before, enabled: item.enabled });
    return;
  }
  const missing = (['condition', 'output', 'priority'] as const).filter((key) => item[key] === undefined);
  if (missing.length > 0) {
    report(item.at, `rule "${item.name}": missing ${missing.map((k) => `"${k}"`).join(', ')}`);
    return;
  }
  rules.set(item.name, item);
}

/** Appended exceptions with a known name add values to it; new names are added as they are. */
function mergeExceptions(before: ExceptionSpec[], added: ExceptionSpec[]): ExceptionSpec[] {
  const merged = before.map((ex) => ({ ...ex }));
  for (const ex of added) {
    const same = merged.find((m) => m.name === ex.name);
    if (same) same.values = [...(same.values ?? []), ...(ex.values ?? [])];
    else merged.push(ex);
  }
  return merged;
}

/** A list item that names another list stands for that list's items (recursively). */
function expandLists(lists: Map<string, ListDef>, report: (at: ItemLocation, message: string) => void): Map<string, string[]> {
  const done = new Map<string, string[]>();
  const visiting = new Set<string>();
  const expand = (name: string, def: ListDef): string[] => {
    const cached = done.get(name);
    if (cached) return cached;
    if (visiting.has(name)) {
      report(def.at, `list "${name}" contains itself`);
      return [];
    }
    visiting.add(name);
    const items = def.items.flatMap((item) => {
      const inner = item === name ? undefined : lists.get(item);
      return inner ? expand(item, inner) : [item];
    });
    visiting.delete(name);
    done.set(name, items);
    return items;
  };
  for (const [name, def] of lists) expand(name, def);
  return done;
}

function compileMacros(
  macros: Map<string, MacroDef>,
  lists: Map<string, string[]>,
  broken: Map<string, ItemLocation>,
  report: (at: ItemLocation, message: string) => void,
): Map<string, CompiledCondition> {
  const compiled = new Map<string, CompiledCondition>();
  const compiling = new Set<string>();
  const env: ConditionEnv = {
    lists,
    macro(name) {
      const done = compiled.get(name);
      if (done) return done;
      const brokenAt = broken.get(name);
      if (brokenAt) return `macro "${name}" has errors (${brokenAt.file}:${brokenAt.line})`;
      if (compiling.has(name)) return `macro "${name}" is used inside its own definition`;
      const def = macros.get(name);
      if (!def) return undefined;
      return compileOne(name, def) ?? `macro "${name}" has errors (${def.at.file}:${def.at.line})`;
    },
  };
  const compileOne = (name: string, def: MacroDef): CompiledCondition | undefined => {
    compiling.add(name);
    try {
      const result = compileCondition(parseCondition(def.condition), env);
      compiled.set(name, result);
      return result;
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      report(def.conditionAt, `macro "${name}": ${err.message}`);
      broken.set(name, def.at);
      return undefined;
    } finally {
      compiling.delete(name);
    }
  };
  for (const [name, def] of macros) {
    if (!compiled.has(name) && !broken.has(name)) compileOne(name, def);
  }
  return compiled;
}

function makeEnv(lists: Map<string, string[]>, macros: Map<string, CompiledCondition>, broken: Map<string, ItemLocation>): ConditionEnv {
  return {
    lists,
    macro(name) {
      const brokenAt = broken.get(name);
      if (brokenAt) return `macro "${name}" has errors (${brokenAt.file}:${brokenAt.line})`;
      return macros.get(name);
    },
  };
}

function compileRule(
  item: RuleItem,
  env: ConditionEnv,
  lists: Map<string, string[]>,
): { rule: CompiledRule } | { error: string; at: ItemLocation } {
  const what = `rule "${item.name}"`;
  const condition = item.condition ?? '';
  let compiledCondition: CompiledCondition;
  let output;
  let excepted;
  try {
    compiledCondition = compileCondition(parseCondition(condition), env);
  } catch (err) {
    if (err instanceof ConditionError) return { error: `${what}: ${err.message}`, at: item.conditionAt };
    throw err;
  }
  try {
    excepted = compileExceptions(item.exceptions ?? [], lists);
  } catch (err) {
    if (err instanceof ExceptionError) return { error: `${what}: ${err.message}`, at: item.exceptionsAt };
    throw err;
  }
  try {
    output = compileOutput(item.output ?? '');
  } catch (err) {
    if (err instanceof OutputError) return { error: `${what}: ${err.message}`, at: item.outputAt };
    throw err;
  }
  const test = compiledCondition.test;
  return {
    rule: {
      name: item.name,
      desc: item.desc ?? '',
      priority: item.priority ?? 'WARNING',
      tags: item.tags ?? [],
      enabled: item.enabled ?? true,
      condition,
      output: item.output ?? '',
      file: item.at.file,
      line: item.at.line,
      eventTypes: compiledCondition.eventTypes,
      matches: excepted ? (view) => test(view) && !excepted(view) : test,
      render: output.render,
    },
  };
}
