/** The rule engine's public surface: load rule files, evaluate events, read what matched. */

export { compileRuleFiles } from './rule-loader';
export { createRuleEngine, evaluateAll, type RuleEngine, type RuleEngineOptions } from './rule-engine';
export type { CompiledRule, PluginStatus, RuleFileError, RuleMatch, RuleSetResult, RuleStatus } from './rule-types';
export type { RuleFileSource } from './rule-yaml';
export type { ProcessResolver } from './event-view';
export { FALCO_PRIORITY_NAME, PRIORITIES, parsePriority, priorityRank, type Priority } from './priority';
export { FIELDS } from './field-registry';
export type { OutputFieldValue } from './output-template';
