/**
 * A JavaScript regular expression (as the q language validates it: `new RegExp(v)`, no flags)
 * rewritten for ClickHouse's match(), which runs RE2 — so that `binary=…`, `args=…`, `file=…`,
 * `http-path=…` select the same rows from ClickHouse as the in-memory matcher and SQLite (which
 * calls the JavaScript RegExp) do.
 *
 * The two dialects differ in ways that matter here, so nothing is passed through as is:
 * - ClickHouse compiles with dot-matches-newline; JS's `.` stops at \n, \r, U+2028, U+2029.
 * - JS's `\s` is Unicode whitespace (and \v); RE2's is ASCII without \v.
 * - `]` and `{` are literals in places one dialect allows and the other does not; JS's `[]` and
 *   `[^]`; identity escapes (`\a` is "a" in JS, a bell in RE2); `\uHHHH`, `\cX`, `\0`.
 * So the pattern is parsed and every atom re-emitted in an unambiguous RE2 form (literals as
 * \x{…} or escaped punctuation, classes spelled out).
 *
 * What RE2 cannot do — lookaround, backreferences, legacy octal escapes, repetition over its
 * limit of 1000 — and astral characters in a class or under a quantifier (JS without the u flag
 * sees each as two UTF-16 units) return null: the caller reports that the filter cannot run on this store. One
 * difference remains on the data side: an astral character (emoji) in a stored value is one
 * character to RE2 and two to JS, so `.` or `{n}` counts it differently.
 */

const SPACE = '\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const DIGIT = '0-9';
const WORD = '0-9A-Za-z_';
const DOT = '[^\\n\\r\\x{2028}\\x{2029}]';
const MAX_REPEAT = 1000;
/** RE2 refuses deeper nesting (1000); far below the parser's stack, so a hostile pattern is a 400. */
const MAX_DEPTH = 200;

class Untranslatable extends Error {}

function fail(): never {
  throw new Untranslatable();
}

/** One code unit as an RE2 literal that means exactly that character. */
function lit(code: number): string {
  if (code >= 0xd800 && code <= 0xdfff) fail(); // half of an astral character
  const c = String.fromCharCode(code);
  if (/[A-Za-z0-9]/.test(c)) return c;
  // RE2 takes any escaped ASCII punctuation as itself; everything else is spelled by code point.
  if (/[!-/:-@[-`{-~]/.test(c)) return `\\${c}`;
  return `\\x{${code.toString(16)}}`;
}

interface ClassItem {
  /** Text inside an RE2 bracket expression. */
  text: string;
  /** A single character (can be a range end). */
  code: number | null;
}

interface Piece {
  text: string;
  /** Product of the counted repetitions ({n,m}) inside: RE2 refuses programs past its limit. */
  rep: number;
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly src: string) {}

  parse(): string {
    const out = this.alternation();
    if (this.i < this.src.length || out.rep > MAX_REPEAT) fail();
    return out.text;
  }

  private peek(k = 0): string | undefined {
    return this.src[this.i + k];
  }

  private alternation(): Piece {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return { text: branches.map((b) => b.text).join('|'), rep: Math.max(...branches.map((b) => b.rep)) };
  }

  private sequence(): Piece {
    let text = '';
    let rep = 1;
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      const q = this.quantifier();
      let r = atom.rep;
      if (q) {
        if (q.bound > MAX_REPEAT) fail();
        r *= q.bound;
        text += `(?:${atom.text})${q.text}`;
      } else text += atom.text;
      if (r > MAX_REPEAT) fail();
      rep = Math.max(rep, r);
    }
    return { text, rep };
  }

  private quantifier(): { text: string; bound: number } | null {
    const c = this.peek();
    let q: { text: string; bound: number } | null = null;
    if (c === '*') q = { text: '*', bound: 1 };
    else if (c === '+') q = { text: '+', bound: 1 };
    else if (c === '?') q = { text: '?', bound: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return null; // a literal "{" (Annex B), handled by atom()
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]);
      this.i += m[0].length - 1;
      q = { text: `{${min}${m[2] === undefined ? '' : `,${max ?? ''}`}}`, bound: Math.max(1, min, max ?? 0) };
    }
    if (!q) return null;
    this.i++;
    if (this.peek() === '?') {
      this.i++;
      q.text += '?';
    }
    return q;
  }

  private atom(): Piece {
    const c = this.peek()!;
    const one = (text: string): Piece => ({ text, rep: 1 });
    switch (c) {
      case '^':
      case '$':
        this.i++;
        return one(c);
      case '.':
        this.i++;
        return one(DOT);
      case '(':
        return this.group();
      case '[':
        return one(this.charClass());
      case '\\':
        return one(this.escape());
      case '{':
      case '}':
      case ']':
        // Only literals here: a valid quantifier after nothing is a JS syntax error already.
        this.i++;
        return one(`\\${c}`);
      case '*':
      case '+':
      case '?':
        return fail();
      default: {
        const code = c.charCodeAt(0);
        const low = this.src.charCodeAt(this.i + 1);
        if (code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff && !/[*+?{]/.test(this.peek(2) ?? '')) {
          // An astral character as a plain literal: JS matches its two UTF-16 units in a row,
          // RE2 its UTF-8 bytes — the same strings. (Quantified, JS would repeat only the second unit.)
          this.i += 2;
          return one(`\\x{${String.fromCodePoint(code, low).codePointAt(0)!.toString(16)}}`);
        }
        this.i++;
        return one(lit(code));
      }
    }
  }

  private group(): Piece {
    if (++this.depth > MAX_DEPTH) fail();
    this.i++; // (
    if (this.peek() === '?') {
      const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.src.slice(this.i));
      if (this.peek(1) === ':') this.i += 2;
      else if (named) this.i += named[0].length;
      else return fail(); // lookahead / lookbehind
    }
    const inner = this.alternation();
    if (this.peek() !== ')') fail();
    this.i++;
    this.depth--;
    // Captures do not matter to match(); a non-capturing group keeps RE2's work down.
    return { text: `(?:${inner.text})`, rep: inner.rep };
  }

  /** An escape outside a class. */
  private escape(): string {
    const item = this.escapeItem(false);
    if (item.code !== null) return lit(item.code);
    return item.text;
  }

  /**
   * `\…` as a class item or an atom. Class escapes come back as bracket-expression text (the
   * caller wraps them when outside a class); single characters come back with their code.
   */
  private escapeItem(inClass: boolean): ClassItem & { text: string } {
    this.i++; // backslash
    const c = this.peek();
    if (c === undefined) return fail();
    this.i++;
    switch (c) {
      case 'd':
        return { text: inClass ? DIGIT : `[${DIGIT}]`, code: null };
      case 'D':
        return { text: inClass ? '\\D' : `[^${DIGIT}]`, code: null };
      case 'w':
        return { text: inClass ? WORD : `[${WORD}]`, code: null };
      case 'W':
        return { text: inClass ? '\\W' : `[^${WORD}]`, code: null };
      case 's':
        return { text: inClass ? SPACE : `[${SPACE}]`, code: null };
      case 'S':
        if (inClass) return fail(); // JS's non-space inside a class has no RE2 spelling
        return { text: `[^${SPACE}]`, code: null };
      case 'b':
        return inClass ? { text: '', code: 8 } : { text: '\\b', code: null };
      case 'B':
        if (inClass) return { text: '', code: 'B'.charCodeAt(0) };
        return { text: '\\B', code: null };
      case 't':
        return { text: '', code: 9 };
      case 'n':
        return { text: '', code: 10 };
      case 'v':
        return { text: '', code: 11 };
      case 'f':
        return { text: '', code: 12 };
      case 'r':
        return { text: '', code: 13 };
      case '0':
        if (/[0-9]/.test(this.peek() ?? '')) return fail(); // legacy octal
        return { text: '', code: 0 };
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (!m) return { text: '', code: 'x'.charCodeAt(0) };
        this.i += 2;
        return { text: '', code: parseInt(m[0], 16) };
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i));
        if (!m) return { text: '', code: 'u'.charCodeAt(0) };
        this.i += 4;
        return { text: '', code: parseInt(m[0], 16) };
      }
      case 'c': {
        const letter = this.peek();
        if (letter && /[A-Za-z]/.test(letter)) {
          this.i++;
          return { text: '', code: letter.charCodeAt(0) % 32 };
        }
        // "\c" not followed by a letter is a literal backslash then "c" (Annex B).
        this.i--;
        return { text: '', code: '\\'.charCodeAt(0) };
      }
      case 'k':
        return fail(); // named backreference (or a literal k when no names: too rare to mimic)
      default:
        if (/[1-9]/.test(c)) return fail(); // backreference or octal
        // Identity escape: the character itself (JS without the u flag allows any).
        return { text: '', code: c.charCodeAt(0) };
    }
  }

  private charClass(): string {
    this.i++; // [
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const items: ClassItem[] = [];
    const read = (): ClassItem => {
      const c = this.peek();
      if (c === undefined) return fail();
      if (c === '\\') {
        const e = this.escapeItem(true);
        return e.code !== null ? { text: lit(e.code), code: e.code } : e;
      }
      this.i++;
      return { text: lit(c.charCodeAt(0)), code: c.charCodeAt(0) };
    };
    while (this.peek() !== ']') {
      const a = read();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        const save = this.i;
        this.i++;
        const b = read();
        if (a.code !== null && b.code !== null) {
          if (a.code > b.code) fail();
          items.push({ text: `${a.text}-${b.text}`, code: null });
          continue;
        }
        // A class escape at either end makes "-" a literal (Annex B).
        this.i = save;
        items.push(a);
        continue;
      }
      items.push(a);
    }
    this.i++; // ]
    const body = items.map((it) => it.text).join('');
    if (body === '') return negate ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]';
    return `[${negate ? '^' : ''}${body}]`;
  }
}

/** The RE2 pattern meaning the same as this JS pattern, or null when RE2 cannot express it. */
export function jsRegexToRe2(pattern: string): string | null {
  try {
    return new Parser(pattern).parse();
  } catch (e) {
    if (e instanceof Untranslatable) return null;
    throw e;
  }
}
