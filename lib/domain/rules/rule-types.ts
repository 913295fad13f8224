/** The public shapes of the rule engine: loaded rules, load errors and matches. */

import type { EventView } from './event-view';
import type { OutputFieldValue, RenderedOutput } from './output-template';
import type { Priority } from './priority';

/** A problem in a rule file: the file's name, the 1-based line, and what is wrong. */
export interface RuleFileError {
  file: string;
  line: number;
  message: string;
}

export interface CompiledRule {
  name: string;
  desc: string;
  priority: Priority;
  tags: readonly string[];
  /** Disabled rules are loaded (and checked) but never evaluated. */
  enabled: boolean;
  /** The condition text after macros were appended, as written (for display). */
  condition: string;
  /** The output template, as written. */
  output: string;
  /** Where the rule was defined. */
  file: string;
  line: number;
  /** evt.type values this rule can fire on; null when any event type could match. */
  eventTypes: ReadonlySet<string> | null;
  /** Condition true and no exception matching. */
  matches(view: EventView): boolean;
  render(view: EventView): RenderedOutput;
}

export interface RuleMatch {
  rule: string;
  priority: Priority;
  /** The output with its placeholders filled, raw event text included: escape when displaying. */
  output: string;
  outputFields: Record<string, OutputFieldValue>;
  tags: string[];
  desc: string;
}

/** What became of one rule of the merged rule files. */
export interface RuleStatus {
  name: string;
  file: string;
  line: number;
  enabled: boolean;
  source: string;
  priority: Priority;
  /** loaded: compiled and (when enabled) evaluated; error: did not compile; not_applicable: another
   * event source (k8s_audit, a plugin's); skipped: skip-if-unknown-filter. */
  state: 'loaded' | 'error' | 'not_applicable' | 'skipped';
  reason?: string;
  /** evt.type values that can fire it (null: any); only for loaded rules. */
  eventTypes: string[] | null;
  /** Falco fields it reads that Tetragon does not provide. */
  unavailableFields: string[];
}

export interface PluginStatus {
  name: string;
  version: string;
  file: string;
  line: number;
  /** True when Holocron provides the plugin's fields itself (container). */
  provided: boolean;
  notice?: string;
}

export interface RuleSetResult {
  rules: CompiledRule[];
  errors: RuleFileError[];
  /** Not errors: file-level facts a user should see (newer engine version, plugins not loaded). */
  notices: RuleFileError[];
  statuses: RuleStatus[];
  plugins: PluginStatus[];
}
