/**
 * The shape of a rule field: a name, a value type, and how to read it from an EventView.
 * Fields that take a bracketed argument (`proc.aname[2]`, `k8s.pod.label[app]`) declare it here
 * so that a bad argument is a load error, not a silent `<NA>` at runtime.
 */

import type { EventView } from './event-view';

export type FieldType = 'string' | 'number' | 'bool';
export type FieldScalar = string | number | boolean;
/** `undefined` means "not available for this event": every comparison on it is false. */
export type FieldValue = FieldScalar | readonly FieldScalar[] | undefined;

export interface FieldArgSpec {
  /** `index`: a non-negative integer; `key`: any non-empty text (a label key); `index-or-key`:
   * a number is an index, other text a name (`evt.arg[1]`, `evt.arg.flags`). */
  kind: 'index' | 'key' | 'index-or-key';
  type: FieldType;
  get: (view: EventView, arg: string | number) => FieldValue;
}

export interface FieldDef {
  name: string;
  /** Type of the value (of each element, when `list`). */
  type: FieldType;
  /** True when the field without argument yields several values (`proc.aname`, `k8s.pod.labels`). */
  list?: boolean;
  /** Reader for the field without argument; absent when the argument is required. */
  get?: (view: EventView) => FieldValue;
  arg?: FieldArgSpec;
  /** Falco's IPNET: the value is an address, compared with `=`/`in` against networks (10.0.0.0/8). */
  ipnet?: boolean;
  /** One line for FIELDS.md and error messages. */
  doc: string;
}

/** A field reference from a condition or output, ready to read. */
export interface BoundField {
  name: string;
  type: FieldType;
  list: boolean;
  ipnet?: boolean;
  get: (view: EventView) => FieldValue;
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : path.slice(0, slash);
}
