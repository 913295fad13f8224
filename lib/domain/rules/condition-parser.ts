/**
 * Recursive-descent parser for rule conditions.
 *
 *   or    := and ('or' and)*
 *   and   := not ('and' not)*
 *   not   := 'not' not | term
 *   term  := '(' or ')' | WORD                     -- a bare word is a macro reference
 *          | WORD 'exists'
 *          | WORD scalar-op value                  -- = != < <= > >= contains icontains ...
 *          | WORD set-op ('(' [value (',' value)*] ')' | WORD)   -- in intersects pmatch
 *
 * So `not` binds tighter than `and`, which binds tighter than `or`, as in Falco.
 */

import {
  type CheckNode,
  type Expr,
  type ValueNode,
  isScalarOperator,
  isSetOperator,
  isUnaryOperator,
} from './condition-ast';
import { ConditionError } from './condition-error';
import { type Token, tokenize } from './condition-tokenizer';

const KEYWORDS = new Set(['and', 'or', 'not']);

export function parseCondition(text: string): Expr {
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'eof') throw new ConditionError('empty condition', 0);
  const expr = parser.parseOr();
  const rest = parser.peek();
  if (rest.kind !== 'eof') throw unexpected(rest);
  return expr;
}

function describe(token: Token): string {
  return token.kind === 'eof' ? 'end of condition' : `token ${JSON.stringify(token.text)}`;
}

function unexpected(token: Token): ConditionError {
  return new ConditionError(`unexpected ${describe(token)}`, token.offset);
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.pos]!;
  }

  private next(): Token {
    const token = this.tokens[this.pos]!;
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private atKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text === word;
  }

  parseOr(): Expr {
    return this.parseChain('or', () => this.parseAnd());
  }

  private parseAnd(): Expr {
    return this.parseChain('and', () => this.parseNot());
  }

  /** `a and b and c` becomes one node with three items: cheaper to evaluate than a nested pair. */
  private parseChain(keyword: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.atKeyword(keyword)) return first;
    const items = [first];
    while (this.atKeyword(keyword)) {
      this.next();
      items.push(operand());
    }
    return { type: keyword, items, offset: first.offset };
  }

  private parseNot(): Expr {
    if (this.atKeyword('not')) {
      const token = this.next();
      return { type: 'not', operand: this.parseNot(), offset: token.offset };
    }
    return this.parseTerm();
  }

  private parseTerm(): Expr {
    const token = this.next();
    if (token.kind === 'lparen') {
      const inner = this.parseOr();
      const close = this.next();
      if (close.kind !== 'rparen') {
        throw new ConditionError(`expected ")" but found ${describe(close)}`, close.offset);
      }
      return inner;
    }
    if (token.kind !== 'word' || KEYWORDS.has(token.text)) throw unexpected(token);
    const op = this.peek();
    if (op.kind === 'symbol' || (op.kind === 'word' && isScalarOperator(op.text))) {
      this.next();
      const value = this.parseValue(op);
      return check(token, op, [value], false);
    }
    if (op.kind === 'word' && isSetOperator(op.text)) {
      this.next();
      return this.parseSetOperand(token, op);
    }
    if (op.kind === 'word' && isUnaryOperator(op.text)) {
      this.next();
      return check(token, op, [], false);
    }
    return { type: 'macro', name: token.text, offset: token.offset };
  }

  private parseValue(after: Token): ValueNode {
    const token = this.next();
    if (token.kind === 'string') return { text: token.text, quoted: true, offset: token.offset };
    if (token.kind === 'word' && !KEYWORDS.has(token.text)) {
      return { text: token.text, quoted: false, offset: token.offset };
    }
    // Falco's event direction is written bare: `evt.dir = <`, `evt.dir=>`.
    if (token.kind === 'symbol' && (token.text === '<' || token.text === '>')) {
      return { text: token.text, quoted: false, offset: token.offset };
    }
    throw new ConditionError(
      `expected a value after ${JSON.stringify(after.text)} but found ${describe(token)}`,
      token.offset,
    );
  }

  private parseSetOperand(field: Token, op: Token): CheckNode {
    const open = this.peek();
    if (open.kind === 'word' && !KEYWORDS.has(open.text)) {
      this.next();
      return check(field, op, [{ text: open.text, quoted: false, offset: open.offset }], true);
    }
    if (open.kind !== 'lparen') {
      throw new ConditionError(
        `expected "(" or a list name after ${JSON.stringify(op.text)} but found ${describe(open)}`,
        open.offset,
      );
    }
    this.next();
    const values: ValueNode[] = [];
    if (this.peek().kind === 'rparen') {
      this.next();
      return check(field, op, values, false);
    }
    for (;;) {
      values.push(this.parseValue(values.length === 0 ? open : this.tokens[this.pos - 1]!));
      const sep = this.next();
      if (sep.kind === 'rparen') break;
      if (sep.kind !== 'comma') {
        throw new ConditionError(`expected "," or ")" but found ${describe(sep)}`, sep.offset);
      }
    }
    return check(field, op, values, false);
  }
}

function check(field: Token, op: Token, values: ValueNode[], bareList: boolean): CheckNode {
  return {
    type: 'check',
    field: field.text,
    offset: field.offset,
    op: (op.text === '==' ? '=' : op.text) as CheckNode['op'],
    opOffset: op.offset,
    values,
    bareList,
  };
}
