/**
 * The syntax tree of a rule condition. Every node remembers its offset in the condition text so
 * that compile errors (unknown field, unknown macro, bad value) can point at the exact spot.
 */

/** Operators that compare a field with one value. */
export const SCALAR_OPERATORS = [
  '=', '==', '!=', '<', '<=', '>', '>=',
  'contains', 'icontains', 'startswith', 'endswith', 'glob', 'iglob',
  'bcontains', 'bstartswith', 'regex',
] as const;
/** Operators that compare a field with a set of values: `(a, b)` or a list name. */
export const SET_OPERATORS = ['in', 'intersects', 'pmatch'] as const;
/** Operators that take no value. */
export const UNARY_OPERATORS = ['exists'] as const;

export type ScalarOperator = (typeof SCALAR_OPERATORS)[number];
export type SetOperator = (typeof SET_OPERATORS)[number];
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];
export type Operator = ScalarOperator | SetOperator | UnaryOperator;

/** A literal as written: `quoted` values are never taken for list names. */
export interface ValueNode {
  text: string;
  quoted: boolean;
  offset: number;
}

export type Expr =
  | { type: 'and' | 'or'; items: Expr[]; offset: number }
  | { type: 'not'; operand: Expr; offset: number }
  | { type: 'macro'; name: string; offset: number }
  | CheckNode;

export interface CheckNode {
  type: 'check';
  /** The field as written, argument included: `proc.aname[2]`, `k8s.pod.label[app]`. */
  field: string;
  offset: number;
  op: Operator;
  opOffset: number;
  /** Scalar operators: exactly one value. Set operators: the listed values (list names inside
   * are expanded at compile time), or a single bare word naming a list. Unary: empty. */
  values: ValueNode[];
  /** True when a set operator's operand was written without parentheses (`in my_list`). */
  bareList: boolean;
}

export function isScalarOperator(word: string): word is ScalarOperator {
  return (SCALAR_OPERATORS as readonly string[]).includes(word);
}
export function isSetOperator(word: string): word is SetOperator {
  return (SET_OPERATORS as readonly string[]).includes(word);
}
export function isUnaryOperator(word: string): word is UnaryOperator {
  return (UNARY_OPERATORS as readonly string[]).includes(word);
}
