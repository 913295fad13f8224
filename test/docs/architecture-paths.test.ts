import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * ARCHITECTURE.md names files by path; a file renamed or removed must fail here rather than
 * leave the document pointing at nothing. Every backticked path with a source extension is checked.
 */
const root = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');

/** Backticked spans ending in .ts/.tsx/.proto/.mjs (a trailing method name after a space is not part of it). */
function namedPaths(markdown: string): string[] {
  const found = new Set<string>();
  for (const m of markdown.matchAll(/`([^`\s]+\.(?:ts|tsx|proto|mjs))`/g)) found.add(m[1]!);
  return [...found];
}

describe('ARCHITECTURE.md', () => {
  const paths = namedPaths(doc);

  it('names files by their path from the project root', () => {
    expect(namedPaths('see `lib/a.ts`, `b.tsx` and `x.md`, not lib/c.ts')).toEqual(['lib/a.ts', 'b.tsx']);
    // Enough to be the walk through the code, not a stub.
    expect(paths.length).toBeGreaterThan(60);
  });

  it('names only files that exist', () => {
    const missing = paths.filter((p) => !p.includes('<') && !fs.existsSync(path.join(root, p)));
    expect(missing).toEqual([]);
  });

  it('links the README to it', () => {
    expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain('(ARCHITECTURE.md)');
  });
});
