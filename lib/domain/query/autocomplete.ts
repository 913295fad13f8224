import { kindsFor, type KindSpec, type QuerySource } from './kinds';
import type { Direction } from './parse';

/**
 * What the filter bar should offer for the text being typed: kinds while there is no `=` yet,
 * values of the kind once there is. Only the last term of the input is completed (several terms
 * may be typed in one go). Pure: the component fetches values and renders the list.
 */
export type CompletionContext =
  | { mode: 'kind'; head: string; prefix: string; termStart: number }
  | { mode: 'value'; head: string; kind: string; direction: Direction; negate: boolean; prefix: string; termStart: number };

/** Start of the last term of `text` (after the last whitespace outside a quoted value). */
export function lastTermStart(text: string): number {
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"' && text[i - 1] === '=') quoted = true;
    else if (/\s/.test(c)) start = i + 1;
  }
  return start;
}

export function completionContext(text: string, source: QuerySource): CompletionContext | null {
  const termStart = lastTermStart(text);
  const term = text.slice(termStart);
  const m = /^(!?)((?:from|to|either):)?([^=\s]*)(=?)(.*)$/s.exec(term);
  if (!m) return null;
  const [, bang = '', dir = '', kindText = '', eq, rest = ''] = m;
  const head = `${bang}${dir}`;
  if (!eq) return { mode: 'kind', head, prefix: kindText.toLowerCase(), termStart };
  const spec = kindsFor(source).find((k) => k.name === kindText.toLowerCase());
  if (!spec) return null;
  return {
    mode: 'value',
    head: `${head}${spec.name}=`,
    kind: spec.name,
    direction: dir ? (dir.slice(0, -1) as Direction) : 'either',
    negate: bang === '!',
    prefix: rest.startsWith('"') ? rest.slice(1).replace(/\\(.)/g, '$1') : rest,
    termStart,
  };
}

/** Kinds matching what was typed: prefix matches first, then substring matches. */
export function matchingKinds(source: QuerySource, prefix: string, directional: boolean): KindSpec[] {
  const kinds = kindsFor(source).filter((k) => !directional || k.directional);
  if (!prefix) return kinds;
  const p = prefix.toLowerCase();
  return [...kinds.filter((k) => k.name.startsWith(p)), ...kinds.filter((k) => !k.name.startsWith(p) && k.name.includes(p))];
}

/** Value text as it must appear in q: quoted when it holds spaces or quotes. */
export function quoteValue(value: string): string {
  return /^[^\s"]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The input text after picking a completion for the last term. */
export function applyKindCompletion(text: string, ctx: Extract<CompletionContext, { mode: 'kind' }>, kind: string): string {
  return `${text.slice(0, ctx.termStart)}${ctx.head}${kind}=`;
}

export function applyValueCompletion(text: string, ctx: Extract<CompletionContext, { mode: 'value' }>, value: string): string {
  return `${text.slice(0, ctx.termStart)}${ctx.head}${quoteValue(value)}`;
}
