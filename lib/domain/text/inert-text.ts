/**
 * Event strings are attacker-chosen. Before display, control characters, bidi overrides and other
 * invisible code points are replaced by visible escapes (\n, \x1b, \u202e …) so that an argument
 * cannot fake a line, recolour a terminal, reorder text or hide itself. React escapes markup;
 * this makes the rest visible. Exports keep the exact original.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u0000': '\\0', '\u001b': '\\x1b' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (ch === '\ufffd') return '\\ufffd';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/**
 * Runs of combining marks ("Zalgo"): real scripts stack a few on one letter; thousands make a
 * glyph that covers the page. Past KEPT_MARKS in a row the rest is shown as a count.
 */
const MARK_RUN = /\p{M}{9,}/gu;
const KEPT_MARKS = 4;

function collapseMarks(run: string): string {
  const marks = Array.from(run);
  return `${marks.slice(0, KEPT_MARKS).join('')}⟨+${marks.length - KEPT_MARKS} combining marks⟩`;
}

/** The string with every invisible or control character replaced by a visible escape, and long runs of combining marks counted. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeOne).replace(MARK_RUN, collapseMarks);
}

export interface Truncated {
  text: string;
  truncated: boolean;
  hiddenChars: number;
}

/** Cut long values for tables; the full value stays one click away. */
export function truncateText(text: string, max: number): Truncated {
  if (text.length <= max) return { text, truncated: false, hiddenChars: 0 };
  return { text: text.slice(0, max), truncated: true, hiddenChars: text.length - max };
}
