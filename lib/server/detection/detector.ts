import { alertGroupKeys } from '@/lib/domain/alerts/alert-grouping';
import { falcoAlertJson, falcoAlertJsonText } from '@/lib/domain/alerts/falco-json';
import { eventBody } from '@/lib/domain/event-summary';
import type { EventSummary } from '@/lib/domain/records';
import { createRuleEngine, type CompiledRule, type RuleEngine } from '@/lib/domain/rules';
import { falcoEventType, hookOfKind } from '@/lib/domain/rules/event-view';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { AlertOccurrence } from '../store/alert-store';
import { alertId } from './alert-id';
import { ProcessCache } from './process-cache';

/**
 * Stored event → alert occurrences. Exec events (and the parents they name) feed the process
 * cache before the rules run, so a rule on this very event can already walk its ancestry.
 * Synchronous and allocation-light: it runs on the ingest path.
 */
export class Detector {
  readonly engine: RuleEngine;
  /** The evt.type values some rule can fire on; null when a rule accepts every type. */
  private readonly typesWithRules: ReadonlySet<string> | null;

  constructor(
    rules: readonly CompiledRule[],
    readonly processes = new ProcessCache(),
  ) {
    this.engine = createRuleEngine(rules, { resolveProcess: (execId) => processes.get(execId) });
    const anyType = this.engine.rules.some((r) => r.eventTypes === null);
    this.typesWithRules = anyType ? null : new Set(this.engine.rules.flatMap((r) => [...(r.eventTypes ?? [])]));
  }

  /**
   * Whether an event is worth parsing: execs always (they feed the process cache), others only
   * when some rule can fire on their evt.type — most exits and tcp_close kprobes are skipped
   * without reading their JSON, which is where the time goes (a rule test is far cheaper).
   */
  wants(summary: EventSummary): boolean {
    if (summary.kind === 'process_exec' || this.typesWithRules === null) return true;
    const type = summaryEventType(summary);
    return type === null || this.typesWithRules.has(type);
  }

  remember(line: TetragonEventJson): void {
    if (!line.process_exec) return;
    this.processes.setIfAbsent(line.process_exec.parent);
    this.processes.set(line.process_exec.process);
  }

  evaluate(summary: EventSummary, line: TetragonEventJson): AlertOccurrence[] {
    this.remember(line);
    const matches = this.engine.evaluate(line);
    if (matches.length === 0) return [];
    const process = eventBody(line).process;
    const pod = process?.pod;
    const base = {
      time: summary.time,
      ts: summary.ts,
      node: summary.node,
      namespace: pod?.namespace ?? summary.namespace,
      pod: pod?.name ?? summary.pod,
      execId: process?.exec_id ?? summary.execId,
      eventId: summary.id,
    };
    return matches.map((m) => ({
      ...base,
      id: alertId(m.rule, summary.id),
      rule: m.rule,
      priority: m.priority,
      message: m.output.trim(),
      tags: m.tags,
      ...alertGroupKeys({ ...base, rule: m.rule, outputFields: m.outputFields }),
      json: falcoAlertJsonText(falcoAlertJson(m, line)),
    }));
  }
}

/** evt.type (see FIELDS.md) from the summary columns; null when only the JSON can tell (uprobes). */
export function summaryEventType(summary: EventSummary): string | null {
  if (summary.kind === 'process_uprobe') return null;
  return falcoEventType(summary.kind, hookOfKind(summary.kind, summary.functionName)).type;
}
