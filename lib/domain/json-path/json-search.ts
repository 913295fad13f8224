/**
 * Search inside a JSON document: every key or scalar value containing the text (case-insensitive),
 * in document order, plus the containers to open so each match is visible. Values are compared
 * both as stored and as displayed (control characters escaped), so typing "\n" finds a newline
 * an attacker hid in an argument.
 */
import { jqPath, type PathSegment } from '@/lib/domain/json-path/jq-path';
import { childrenOf, kindOf } from '@/lib/domain/json-path/json-rows';
import { visibleText } from '@/lib/domain/text/inert-text';

export interface JsonSearchResult {
  /** Row ids (jq paths) of the matches, in document order. */
  matches: string[];
  /** Containers that must be expanded to show every match. */
  toExpand: Set<string>;
  /** More matched than `limit`; the rest are not listed. */
  capped: boolean;
}

export function searchJson(root: unknown, query: string, limit = 1000): JsonSearchResult {
  const needle = query.toLowerCase();
  const matches: string[] = [];
  const toExpand = new Set<string>();
  let capped = false;
  if (!needle) return { matches, toExpand, capped };

  const has = (text: string): boolean => text.toLowerCase().includes(needle) || visibleText(text).toLowerCase().includes(needle);
  const walk = (value: unknown, path: PathSegment[], ancestors: string[]): void => {
    if (capped) return;
    const kind = kindOf(value);
    const id = jqPath(path);
    const key = path[path.length - 1];
    const keyHit = typeof key === 'string' && has(key);
    const valueHit = kind !== 'object' && kind !== 'array' && has(String(value));
    if (keyHit || valueHit) {
      if (matches.length >= limit) {
        capped = true;
        return;
      }
      matches.push(id);
      for (const a of ancestors) toExpand.add(a);
    }
    if (kind === 'object' || kind === 'array') {
      const next = [...ancestors, id];
      for (const [k, v] of childrenOf(value)) walk(v, [...path, k], next);
    }
  };
  walk(root, [], []);
  return { matches, toExpand, capped };
}
