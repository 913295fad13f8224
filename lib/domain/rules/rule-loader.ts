/**
 * compileRuleFiles: rule files (text) → compiled rules, errors with file and line, and the state
 * of every rule (loaded, disabled, not applicable to this source, or why it did not load).
 *
 * Lists and macros are global across the files, as in Falco: items are merged in file order
 * (a later definition replaces an earlier one, `append: true` extends it), then every macro and
 * rule is compiled against the result. A broken item is reported and skipped; everything that
 * does not depend on it still loads.
 */

import { compileCondition, type CompiledCondition, type ConditionEnv } from './condition-compiler';
import { ConditionError } from './condition-error';
import { parseCondition } from './condition-parser';
import { tokenize } from './condition-tokenizer';
import { compileOutput, OutputError } from './output-template';
import { compileExceptions, ExceptionError, type ExceptionSpec } from './rule-exceptions';
import type { Expr } from './condition-ast';
import { isUnavailableField } from './field-registry';
import { ItemError, itemKind, type ItemLocation, type PluginRequirement, type RuleItem, toRuleFileItem } from './rule-items';
import type { CompiledRule, PluginStatus, RuleFileError, RuleSetResult, RuleStatus } from './rule-types';
import { readRuleFileItems, type RuleFileSource } from './rule-yaml';

interface ListDef { items: string[]; at: ItemLocation }
interface MacroDef { condition: string; at: ItemLocation; conditionAt: ItemLocation }

/**
 * The Falco rule-engine version whose rule-file syntax this loader implements (override:,
 * exceptions, append, required_plugin_versions). A file asking for a newer one still loads —
 * what Holocron does not know is reported item by item — with a notice saying so.
 */
export const FALCO_ENGINE_VERSION = '0.57.0';

/** The event source Holocron evaluates; Falco rules for other sources are "not applicable". */
export const SYSCALL_SOURCE = 'syscall';

/** Plugins whose fields Holocron provides itself (the container plugin's container.* and k8s.*). */
const PROVIDED_PLUGINS = new Set(['container']);

export function compileRuleFiles(files: readonly RuleFileSource[]): RuleSetResult {
  const errors: RuleFileError[] = [];
  const notices: RuleFileError[] = [];
  const report = (at: ItemLocation, message: string) => errors.push({ file: at.file, line: at.line, message });
  const lists = new Map<string, ListDef>();
  const macros = new Map<string, MacroDef>();
  const rules = new Map<string, RuleItem>();
  /** Lists and macros whose definition failed, so their users get a pointer instead of "unknown". */
  const broken = new Map<string, ItemLocation>();
  const plugins: PluginStatus[] = [];

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
      if (item.kind === 'engine_version') {
        if (compareVersions(item.version, FALCO_ENGINE_VERSION) > 0) {
          notices.push({
            file: item.at.file,
            line: item.at.line,
            message: `the file asks for Falco engine version ${item.version}; Holocron implements ${FALCO_ENGINE_VERSION}: it is loaded, and anything newer it uses is reported where it is`,
          });
        }
        continue;
      }
      if (item.kind === 'plugins') {
        for (const plugin of item.plugins) plugins.push(pluginStatus(plugin, item.at));
        continue;
      }
      const previous = item.kind === 'list' ? lists.get(item.name) : item.kind === 'macro' ? macros.get(item.name) : rules.get(item.name);
      const extends_ = item.append || item.override !== undefined;
      if (extends_ && !previous) {
        report(item.at, `${item.kind} "${item.name}" has ${item.append ? 'append: true' : 'override'} but no earlier ${item.kind} of that name`);
        continue;
      }
      if (item.kind !== 'rule') broken.delete(item.name); // a later good definition wins
      if (item.kind === 'list') {
        const appendItems = item.append || item.override?.items === 'append';
        const items = appendItems ? [...(lists.get(item.name)?.items ?? []), ...item.items] : item.items;
        lists.set(item.name, { items, at: item.at });
      } else if (item.kind === 'macro') {
        const before = macros.get(item.name);
        const appendCondition = item.append || item.override?.condition === 'append';
        const condition = appendCondition && before ? `${before.condition} ${item.condition}` : item.condition;
        macros.set(item.name, { condition, at: item.at, conditionAt: before && appendCondition ? before.conditionAt : item.conditionAt });
      } else {
        mergeRule(rules, item, report);
      }
    }
  }

  const expandedLists = expandLists(lists, report);
  const applicable = [...rules.values()].filter((r) => (r.source ?? SYSCALL_SOURCE) === SYSCALL_SOURCE);
  const otherSource = [...rules.values()].filter((r) => (r.source ?? SYSCALL_SOURCE) !== SYSCALL_SOURCE);
  const macroRefs = macroReferences(macros);
  const usedByApplicable = reachableMacros(applicable, macroRefs);
  const usedOnlyElsewhere = new Set([...reachableMacros(otherSource, macroRefs)].filter((m) => !usedByApplicable.has(m)));
  // Macros only other sources' rules use (ka.*, ct.* fields) are not errors here.
  const macroReport = (at: ItemLocation, message: string, name: string) => {
    if (!usedOnlyElsewhere.has(name)) report(at, message);
  };
  const compiledMacros = compileMacros(macros, expandedLists, broken, macroReport);
  const env = makeEnv(expandedLists, compiledMacros, broken);
  const compiled: CompiledRule[] = [];
  const statuses: RuleStatus[] = [];
  for (const rule of rules.values()) {
    const base = { name: rule.name, file: rule.at.file, line: rule.at.line, enabled: rule.enabled ?? true, source: rule.source ?? SYSCALL_SOURCE, priority: rule.priority ?? 'WARNING' };
    if (base.source !== SYSCALL_SOURCE) {
      statuses.push({ ...base, state: 'not_applicable', reason: `source "${base.source}": Holocron evaluates Falco's syscall source (Tetragon process events) only`, eventTypes: null, unavailableFields: [] });
      continue;
    }
    const result = compileRule(rule, env, expandedLists);
    if ('error' in result) {
      if (rule.skipIfUnknownFilter && /unknown field/.test(result.error)) {
        statuses.push({ ...base, state: 'skipped', reason: `${result.error} (skip-if-unknown-filter: true)`, eventTypes: null, unavailableFields: [] });
        continue;
      }
      report(result.at, result.error);
      statuses.push({ ...base, state: 'error', reason: `${result.error} (${result.at.file}:${result.at.line})`, eventTypes: null, unavailableFields: [] });
      continue;
    }
    compiled.push(result.rule);
    const unavailable = unavailableFieldsOf(rule, macroRefs, macros);
    statuses.push({
      ...base,
      state: 'loaded',
      eventTypes: result.rule.eventTypes ? [...result.rule.eventTypes].sort() : null,
      unavailableFields: unavailable,
      ...(unavailable.length > 0 ? { reason: `uses fields Tetragon does not provide (comparisons on them are false): ${unavailable.join(', ')}` } : {}),
    });
  }
  for (const status of plugins) if (status.notice) notices.push({ file: status.file, line: status.line, message: status.notice });
  return { rules: compiled, errors: inFileOrder(errors, files), notices: inFileOrder(notices, files), statuses, plugins };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function pluginStatus(plugin: PluginRequirement, at: ItemLocation): PluginStatus {
  const names = [plugin.name, ...plugin.alternatives.map((a) => a.name)];
  const provided = names.find((n) => PROVIDED_PLUGINS.has(n));
  return {
    name: plugin.name,
    version: plugin.version,
    file: at.file,
    line: at.line,
    provided: provided !== undefined,
    ...(provided
      ? {}
      : { notice: `plugin ${plugin.name} ${plugin.version} is not loaded in Holocron: rules of its event source are listed as not applicable` }),
  };
}

/** Macro → the macros its condition names (unparseable conditions name none; their error is reported elsewhere). */
function macroReferences(macros: Map<string, MacroDef>): Map<string, Set<string>> {
  const refs = new Map<string, Set<string>>();
  for (const [name, def] of macros) refs.set(name, namesIn(def.condition, macros));
  return refs;
}

function namesIn(condition: string | undefined, macros: Map<string, MacroDef>): Set<string> {
  const names = new Set<string>();
  if (!condition) return names;
  try {
    walk(parseCondition(condition), (e) => {
      if (e.type === 'macro' && macros.has(e.name)) names.add(e.name);
    });
  } catch {
    // reported when the condition is compiled
  }
  return names;
}

function walk(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  if (expr.type === 'and' || expr.type === 'or') for (const item of expr.items) walk(item, visit);
  else if (expr.type === 'not') walk(expr.operand, visit);
}

function reachableMacros(rules: readonly RuleItem[], refs: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>();
  const stack: string[] = [];
  const macroNames = new Map([...refs.keys()].map((k) => [k, { condition: '', at: { file: '', line: 0 }, conditionAt: { file: '', line: 0 } }]));
  for (const rule of rules) stack.push(...namesIn(rule.condition, macroNames));
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(refs.get(name) ?? []));
  }
  return seen;
}

/** The fields a rule reads (through its macros and exceptions) that Holocron cannot compute. */
function unavailableFieldsOf(rule: RuleItem, refs: Map<string, Set<string>>, macros: Map<string, MacroDef>): string[] {
  const fields = new Set<string>();
  const collect = (condition: string | undefined) => {
    if (!condition) return;
    try {
      walk(parseCondition(condition), (e) => {
        if (e.type === 'check' && isUnavailableField(e.field)) fields.add(e.field);
      });
    } catch {
      // compiled already; cannot fail here
    }
  };
  collect(rule.condition);
  for (const name of reachableMacros([rule], refs)) collect(macros.get(name)?.condition);
  for (const ex of rule.exceptions ?? []) {
    for (const f of typeof ex.fields === 'string' ? [ex.fields] : (ex.fields ?? [])) if (isUnavailableField(f)) fields.add(f);
  }
  return [...fields].sort();
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
  if (item.override && before) {
    const merged: RuleItem = { ...before };
    const joined = (a: string | undefined, b: string | undefined) => (a ? `${a} ${b ?? ''}`.trim() : b);
    for (const [key, how] of Object.entries(item.override)) {
      switch (key) {
        case 'condition':
          merged.condition = how === 'append' ? joined(before.condition, item.condition) : item.condition;
          if (how === 'replace') merged.conditionAt = item.conditionAt;
          break;
        case 'output':
          merged.output = how === 'append' ? joined(before.output, item.output) : item.output;
          if (how === 'replace') merged.outputAt = item.outputAt;
          break;
        case 'desc':
          merged.desc = how === 'append' ? joined(before.desc, item.desc) : item.desc;
          break;
        case 'tags':
          merged.tags = how === 'append' ? [...(before.tags ?? []), ...(item.tags ?? [])] : item.tags;
          break;
        case 'exceptions':
          merged.exceptions = how === 'append' ? mergeExceptions(before.exceptions ?? [], item.exceptions ?? []) : item.exceptions;
          break;
        case 'priority':
          merged.priority = item.priority;
          break;
        case 'enabled':
          merged.enabled = item.enabled;
          break;
      }
    }
    rules.set(item.name, merged);
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
  // A redefinition replaces the earlier rule but keeps its place in the evaluation order.
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

/**
 * Falco pastes list items into the condition text, so an item written with quotes inside the YAML
 * string (`'"10.0.0.0/8"'`, `'"bash -c"'`) is the quoted value without its quotes.
 */
function unquoteListItem(item: string): string {
  if (item.length >= 2 && (item[0] === '"' || item[0] === "'") && item.endsWith(item[0]!)) {
    try {
      const token = tokenize(item);
      if (token.length === 2 && token[0]!.kind === 'string') return token[0]!.text;
    } catch {
      // not a well-formed quoted string: keep it as written
    }
  }
  return item;
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
      return inner ? expand(item, inner) : [unquoteListItem(item)];
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
  report: (at: ItemLocation, message: string, name: string) => void,
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
      report(def.conditionAt, `macro "${name}": ${err.message}`, name);
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
