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
