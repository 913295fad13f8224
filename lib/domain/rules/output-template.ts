/**
 * Rule outputs: text with `%field` placeholders (`%proc.cmdline`, `%proc.aname[2]`,
 * `%k8s.pod.label[app]`), filled from the event. Values are inserted raw — the caller escapes
 * when it displays them — and a field the event does not have reads `<NA>`, as in Falco.
 * `%%` is a literal percent sign; a `%` not followed by a field name is kept as is.
 */

import type { EventView } from './event-view';
import { FieldError, isKnownField, resolveField } from './field-registry';
import type { BoundField, FieldValue } from './field-types';

export type OutputFieldValue = string | number | boolean | null;

export interface RenderedOutput {
  output: string;
  outputFields: Record<string, OutputFieldValue>;
}

export interface CompiledOutput {
  /** The fields the output names, in order of first appearance. */
  fields: readonly BoundField[];
  render(view: EventView): RenderedOutput;
}

export class OutputError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at column ${offset + 1} of the output`);
    this.name = 'OutputError';
  }
}

export const NOT_AVAILABLE = '<NA>';

type Segment = string | BoundField;

const NAME = /[A-Za-z_][A-Za-z0-9_.]*/y;

export function compileOutput(template: string): CompiledOutput {
  const segments: Segment[] = [];
  const fields = new Map<string, BoundField>();
  let literal = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch !== '%') {
      literal += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '%') {
      literal += '%';
      i += 2;
      continue;
    }
    NAME.lastIndex = i + 1;
    const match = NAME.exec(template);
    if (!match) {
      literal += ch;
      i++;
      continue;
    }
    let ref = match[0];
    // "file=%fd.name." — a sentence's full stop is not part of the field name.
    while (ref.endsWith('.') && !isKnownField(ref)) ref = ref.slice(0, -1);
    let end = i + 1 + ref.length;
    if (template[end] === '[') {
      const close = template.indexOf(']', end);
      if (close < 0) throw new OutputError(`missing "]" after %${ref}`, end);
      ref = template.slice(i + 1, close + 1);
      end = close + 1;
    }
    let field = fields.get(ref);
    if (!field) {
      try {
        field = resolveField(ref);
      } catch (err) {
        if (err instanceof FieldError) throw new OutputError(err.message, i);
        throw err;
      }
      fields.set(ref, field);
    }
    if (literal) segments.push(literal);
    literal = '';
    segments.push(field);
    i = end;
  }
  if (literal) segments.push(literal);
  const bound = [...fields.values()];
  return {
    fields: bound,
    render(view) {
      const outputFields: Record<string, OutputFieldValue> = {};
      for (const field of bound) outputFields[field.name] = toOutputValue(field.get(view));
      let output = '';
      for (const segment of segments) {
        if (typeof segment === 'string') {
          output += segment;
        } else {
          const value = outputFields[segment.name];
          output += value === null || value === undefined ? NOT_AVAILABLE : String(value);
        }
      }
      return { output, outputFields };
    },
  };
}

/** Lists become comma-joined text; absent values and empty lists become null. */
function toOutputValue(value: FieldValue): OutputFieldValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(',');
  return value as OutputFieldValue;
}
