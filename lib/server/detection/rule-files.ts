import fs from 'node:fs';
import path from 'node:path';
import { compileRuleFiles, type CompiledRule, type RuleFileSource } from '@/lib/domain/rules';
import type { PluginStatus, RuleStatus } from '@/lib/domain/rules/rule-types';
import type { RuleLoadError } from '@/lib/domain/alerts/alert-types';

/**
 * The rule files the server runs: the shipped defaults (rules/default-rules.yaml, relative to the
 * working directory) then every *.yaml / *.yml in HOLOCRON_RULES_DIR in name order, so a local
 * file can append to or override a default list, macro or rule. A file with a problem is
 * reported with file, line and reason; everything that does not depend on the broken item still
 * loads, so one typo never switches detection off.
 */
export const DEFAULT_RULES_FILE = path.join('rules', 'default-rules.yaml');

export interface LoadedRules {
  rules: CompiledRule[];
  errors: RuleLoadError[];
  /** File-level facts that are not errors (engine version, plugins Holocron does not load). */
  notices: RuleLoadError[];
  statuses: RuleStatus[];
  plugins: PluginStatus[];
  files: string[];
}

function readRuleFiles(cwd: string, rulesDir: string | null): { sources: RuleFileSource[]; errors: RuleLoadError[] } {
  const sources: RuleFileSource[] = [];
  const errors: RuleLoadError[] = [];
  const read = (name: string, file: string) => {
    try {
      sources.push({ name, text: fs.readFileSync(file, 'utf8') });
    } catch (e) {
      errors.push({ file: name, line: 0, message: `cannot read: ${(e as Error).message}` });
    }
  };
  read(DEFAULT_RULES_FILE, path.resolve(cwd, DEFAULT_RULES_FILE));
  if (rulesDir) {
    const dir = path.resolve(cwd, rulesDir);
    let names: string[] = [];
    try {
      names = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => (d.isFile() || d.isSymbolicLink()) && /\.ya?ml$/i.test(d.name))
        .map((d) => d.name)
        .sort();
    } catch (e) {
      errors.push({ file: rulesDir, line: 0, message: `HOLOCRON_RULES_DIR cannot be read: ${(e as Error).message}` });
    }
    for (const name of names) read(path.join(rulesDir, name), path.join(dir, name));
  }
  return { sources, errors };
}

export function loadRules(opts: { cwd: string; rulesDir: string | null }): LoadedRules {
  const { sources, errors } = readRuleFiles(opts.cwd, opts.rulesDir);
  const compiled = compileRuleFiles(sources);
  return {
    rules: compiled.rules,
    errors: [...errors, ...compiled.errors],
    notices: compiled.notices,
    statuses: compiled.statuses,
    plugins: compiled.plugins,
    files: sources.map((s) => s.name),
  };
}

export function formatRuleError(e: RuleLoadError): string {
  return `${e.file}${e.line > 0 ? `:${e.line}` : ''}: ${e.message}`;
}
