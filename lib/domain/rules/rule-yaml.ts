/**
 * Reads a rule file's YAML into its top-level items, remembering the line of each item and of
 * each of its keys, so that every later error can name the line it is about. A YAML syntax
 * error makes the whole file unusable: guessing at a half-parsed file could silently load a
 * rule with the wrong condition.
 */

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { RuleFileError } from './rule-types';

export interface RawItem {
  file: string;
  /** 1-based line where the item starts. */
  line: number;
  data: Record<string, unknown>;
  /** 1-based line of each key's value (falls back to the item's line). */
  keyLines: Record<string, number>;
}

export interface RuleFileSource {
  name: string;
  text: string;
}

export function readRuleFileItems(file: RuleFileSource): { items: RawItem[]; errors: RuleFileError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      items: [],
      errors: doc.errors.map((err) => ({ file: file.name, line: lineAt(err.pos[0]), message: `invalid YAML: ${err.message}` })),
    };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { items: [], errors: [] };
  if (!isSeq(root)) {
    const line = root.range ? lineAt(root.range[0]) : 1;
    return {
      items: [],
      errors: [{ file: file.name, line, message: 'a rule file must be a YAML list of items (- rule: …, - macro: …, - list: …)' }],
    };
  }
  const items: RawItem[] = [];
  const errors: RuleFileError[] = [];
  for (const node of root.items) {
    const line = isMap(node) || isScalar(node) || isSeq(node) ? lineAt(node.range?.[0] ?? 0) : 1;
    if (!isMap(node)) {
      errors.push({ file: file.name, line, message: 'each item must be a mapping such as "- rule: name"' });
      continue;
    }
    const keyLines: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const valueNode = pair.value as { range?: [number, number, number] } | null;
      const keyNode = pair.key as { range?: [number, number, number] };
      const offset = valueNode?.range?.[0] ?? keyNode.range?.[0];
      keyLines[String(pair.key.value)] = offset === undefined ? line : lineAt(offset);
    }
    const data = node.toJS(doc, { maxAliasCount: 100 }) as Record<string, unknown>;
    items.push({ file: file.name, line, data, keyLines });
  }
  return { items, errors };
}
