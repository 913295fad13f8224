/**
 * Evaluates compiled rules against Tetragon events as they are ingested.
 *
 * Rules are indexed by the evt.type values their condition allows (a rule on `evt.type =
 * execve` is never offered a tcp_close kprobe), so an event costs one map lookup plus the few
 * rules that could fire on it. Each per-type list keeps rule order, so matches come out in the
 * order the rules were written.
 */

import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { EventView, type ProcessResolver } from './event-view';
import type { CompiledRule, RuleMatch } from './rule-types';

export interface RuleEngineOptions {
  /** Looks processes up by exec_id for proc.pname / proc.aname[N] when the event lacks them. */
  resolveProcess?: ProcessResolver;
}

export interface RuleEngine {
  /** The enabled rules, in file order. */
  readonly rules: readonly CompiledRule[];
  evaluate(event: TetragonEventJson): RuleMatch[];
}

export function createRuleEngine(rules: readonly CompiledRule[], opts: RuleEngineOptions = {}): RuleEngine {
  const enabled = rules.filter((r) => r.enabled);
  // Rules that do not constrain evt.type see every event; the others only the types they name.
  const anyType = enabled.filter((r) => r.eventTypes === null);
  const byType = new Map<string, readonly CompiledRule[]>();
  for (const rule of enabled) {
    for (const type of rule.eventTypes ?? []) {
      if (!byType.has(type)) byType.set(type, enabled.filter((r) => r.eventTypes === null || r.eventTypes.has(type)));
    }
  }

  return {
    rules: enabled,
    evaluate(event) {
      const view = new EventView(event, opts.resolveProcess);
      if (view.kind === '') return [];
      const candidates = byType.get(view.type) ?? anyType;
      let matches: RuleMatch[] | undefined;
      for (const rule of candidates) {
        if (!rule.matches(view)) continue;
        const { output, outputFields } = rule.render(view);
        (matches ??= []).push({
          rule: rule.name,
          priority: rule.priority,
          output,
          outputFields,
          tags: [...rule.tags],
          desc: rule.desc,
        });
      }
      return matches ?? [];
    },
  };
}

/**
 * Runs every event through the engine and returns how many matches there were: the hot loop
 * `npm run bench` times (events/s for the default rules), kept here so it measures exactly what
 * ingest runs.
 */
export function evaluateAll(engine: RuleEngine, events: readonly TetragonEventJson[]): number {
  let matches = 0;
  for (const event of events) matches += engine.evaluate(event).length;
  return matches;
}
