/**
 * Splits a rule condition into tokens. Falco-style conditions mix punctuation (`(`, `,`, `=`),
 * quoted strings and barewords that are field names, keywords, list names or unquoted values
 * (`/etc/shadow`, `-e`, `10.96.0.1`, `proc.aname[2]`), so a bareword runs until whitespace or a
 * character that can only be punctuation.
 */

import { ConditionError } from './condition-error';

export type Token =
  | { kind: 'lparen' | 'rparen' | 'comma' | 'eof'; text: string; offset: number }
  | { kind: 'symbol'; text: '=' | '==' | '!=' | '<' | '<=' | '>' | '>='; offset: number }
  | { kind: 'word'; text: string; offset: number }
  | { kind: 'string'; text: string; offset: number };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** Characters that end a bareword. `!` only does when it starts `!=`. */
function endsWord(text: string, i: number): boolean {
  const ch = text[i]!;
  if (isSpace(ch)) return true;
  if ('(),"\'=<>'.includes(ch)) return true;
  return ch === '!' && text[i + 1] === '=';
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch, offset: i });
      i++;
    } else if (ch === '=' || ch === '<' || ch === '>' || (ch === '!' && text[i + 1] === '=')) {
      const two = text.slice(i, i + 2);
      const symbol = two === '==' || two === '!=' || two === '<=' || two === '>=' ? two : ch;
      tokens.push({ kind: 'symbol', text: symbol as '=', offset: i });
      i += symbol.length;
    } else if (ch === '"' || ch === "'") {
      const [value, end] = readQuoted(text, i);
      tokens.push({ kind: 'string', text: value, offset: i });
      i = end;
    } else {
      const start = i;
      while (i < text.length && !endsWord(text, i)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), offset: start });
    }
  }
  tokens.push({ kind: 'eof', text: '', offset: text.length });
  return tokens;
}

/** Reads a quoted string starting at `start`; returns its unescaped value and the offset after it. */
function readQuoted(text: string, start: number): [string, number] {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === quote) return [value, i + 1];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      // Falco keeps a backslash before any other character as it is: "\ " is a backslash and a
      // space (its rules look for escaped spaces in arguments that way).
      const escaped = ESCAPES[next];
      value += escaped ?? `\\${next}`;
      i += 2;
    } else {
      value += ch;
      i++;
    }
  }
  throw new ConditionError('unterminated string', start);
}
