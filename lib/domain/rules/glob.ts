/**
 * Shell-style glob matching for the `glob` operator: `*` (any run of characters, `/` included,
 * as with fnmatch without FNM_PATHNAME), `?` (one character), `[abc]`, `[a-z]`, `[!x]` / `[^x]`.
 * Compiled once per rule into a matcher that backtracks only to the last `*`, so a hostile
 * event string cannot make it take more than O(pattern × input) steps.
 */

type Part =
  | { kind: 'char'; ch: string }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negate: boolean; ranges: [string, string][] };

export function compileGlob(pattern: string): (input: string) => boolean {
  const parts = parseGlob(pattern);
  if (parts.every((p) => p.kind === 'char')) return (input) => input === pattern;
  return (input) => matchParts(parts, input);
}

function parseGlob(pattern: string): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (parts[parts.length - 1]?.kind !== 'star') parts.push({ kind: 'star' });
    } else if (ch === '?') {
      parts.push({ kind: 'any' });
    } else if (ch === '[') {
      const parsed = parseClass(pattern, i);
      if (parsed) {
        parts.push(parsed.part);
        i = parsed.end;
      } else {
        parts.push({ kind: 'char', ch }); // an unclosed "[" is a literal, as in fnmatch
      }
    } else {
      parts.push({ kind: 'char', ch });
    }
  }
  return parts;
}

/** Parses `[...]` starting at `start`; `]` right after the opening (or after `!`) is a member. */
function parseClass(pattern: string, start: number): { part: Part; end: number } | undefined {
  let i = start + 1;
  const negate = pattern[i] === '!' || pattern[i] === '^';
  if (negate) i++;
  const ranges: [string, string][] = [];
  let first = true;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === ']' && !first) return { part: { kind: 'class', negate, ranges }, end: i };
    first = false;
    const hi = pattern[i + 2];
    if (pattern[i + 1] === '-' && hi !== undefined && hi !== ']') {
      ranges.push([ch, hi]);
      i += 3;
    } else {
      ranges.push([ch, ch]);
      i++;
    }
  }
  return undefined;
}

function matchOne(part: Part, ch: string): boolean {
  switch (part.kind) {
    case 'char':
      return part.ch === ch;
    case 'any':
      return true;
    case 'class': {
      const inside = part.ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
      return inside !== part.negate;
    }
    case 'star':
      return false;
  }
}

function matchParts(parts: Part[], input: string): boolean {
  let p = 0;
  let s = 0;
  let starPart = -1;
  let starInput = 0;
  while (s < input.length) {
    const part = parts[p];
    if (part?.kind === 'star') {
      starPart = p++;
      starInput = s;
    } else if (part && matchOne(part, input[s]!)) {
      p++;
      s++;
    } else if (starPart >= 0) {
      p = starPart + 1;
      s = ++starInput;
    } else {
      return false;
    }
  }
  while (parts[p]?.kind === 'star') p++;
  return p === parts.length;
}
