/**
 * A problem in a condition at a known place (0-based offset into the condition text): syntax
 * errors from the parser, and unknown fields, macros, lists or bad values from the compiler.
 * The message ends with the 1-based column, e.g. `unexpected token ")" at column 17`.
 */
export class ConditionError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at column ${offset + 1}`);
    this.name = 'ConditionError';
  }
}
