/**
 * SQL text for ClickHouse with every value written as a literal by this module.
 *
 * Why not bound parameters: ClickHouse 18.16 (Debian's package, used by the tests) has no query
 * parameters — `{name:Type}` arrived in 19.x, and @clickhouse/client's `query_params` are answered
 * with "Unknown setting param_x". So values are escaped here, in one place, and nowhere else:
 * `ch\`… ${value} …\`` turns each interpolated value into a literal (strings quoted with every
 * byte that could end or bend a literal escaped, numbers checked to be finite integers), and only
 * `raw()` fragments — built from this codebase's fixed column names — are spliced verbatim.
 */
export class Raw {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A fragment of SQL written by us (column names, operators), never by a request. */
export function raw(text: string): Raw {
  return new Raw(text);
}

/** A ClickHouse string literal. Backslash and quote are escaped, control bytes written as \xHH. */
export function str(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}'`;
}

/** An integer literal; anything else is a bug in the caller, not user input to pass through. */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer for SQL: ${value}`);
  return String(value);
}

export type SqlValue = string | number | boolean | Raw | readonly (string | number)[];

export function literal(value: SqlValue): string {
  if (value instanceof Raw) return value.text;
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number') return int(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  // A list for IN (…). IN () is a syntax error: callers skip the query when there is nothing to ask.
  if (value.length === 0) throw new Error('empty list for SQL IN');
  return `(${value.map((v) => (typeof v === 'string' ? str(v) : int(v))).join(', ')})`;
}

/** Tagged template: `ch\`SELECT … WHERE id = ${id}\``. */
export function ch(parts: TemplateStringsArray, ...values: SqlValue[]): string {
  let out = parts[0] ?? '';
  values.forEach((v, i) => {
    out += literal(v) + (parts[i + 1] ?? '');
  });
  return out;
}
