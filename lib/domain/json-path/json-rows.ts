/**
 * A JSON document as the flat list of rows the inspector draws: the tree in document order minus
 * the children of collapsed containers. Flat rows make keyboard navigation (↑ ↓ ← →) an index
 * move, and each row carries its path so "copy path" and search can name it. Row ids are the jq
 * paths, unique per document.
 */
import { jqPath, type PathSegment } from '@/lib/domain/json-path/jq-path';

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
export type JsonScalar = string | number | boolean | null;

export interface JsonRow {
  id: string;
  path: PathSegment[];
  depth: number;
  /** Object key or array index; null for the document itself. */
  key: PathSegment | null;
  kind: JsonKind;
  /** The value of a scalar; undefined for containers. */
  value: JsonScalar | undefined;
  /** Number of children of a container, 0 for scalars. */
  size: number;
  expanded: boolean;
  parentId: string | null;
}

export function kindOf(value: unknown): JsonKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

export function childrenOf(value: unknown): [PathSegment, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (value !== null && typeof value === 'object') return Object.entries(value as Record<string, unknown>);
  return [];
}

interface Frame {
  value: unknown;
  path: PathSegment[];
  key: PathSegment | null;
  parentId: string | null;
}

export function jsonRows(root: unknown, expanded: ReadonlySet<string>): JsonRow[] {
  const rows: JsonRow[] = [];
  const stack: Frame[] = [{ value: root, path: [], key: null, parentId: null }];
  while (stack.length > 0) {
    const { value, path, key, parentId } = stack.pop()!;
    const kind = kindOf(value);
    const id = jqPath(path);
    const container = kind === 'object' || kind === 'array';
    const children = container ? childrenOf(value) : [];
    const open = container && expanded.has(id);
    rows.push({
      id,
      path,
      depth: path.length,
      key,
      kind,
      value: container ? undefined : scalarOf(value),
      size: children.length,
      expanded: open,
      parentId,
    });
    if (!open) continue;
    for (let i = children.length - 1; i >= 0; i--) {
      const [k, v] = children[i]!;
      stack.push({ value: v, path: [...path, k], key: k, parentId: id });
    }
  }
  return rows;
}

function scalarOf(value: unknown): JsonScalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** Ids of every container above `depth` levels: the inspector's initial state. */
export function expandedToDepth(root: unknown, depth: number): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, path: PathSegment[]): void => {
    const kind = kindOf(value);
    if ((kind !== 'object' && kind !== 'array') || path.length >= depth) return;
    out.add(jqPath(path));
    for (const [k, v] of childrenOf(value)) walk(v, [...path, k]);
  };
  walk(root, []);
  return out;
}

/** A number JSON cannot have carried exactly (beyond 2^53): protojson sends such values as strings. */
export function isImpreciseNumber(value: JsonScalar | undefined): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/** The value at a path, or undefined when the document has nothing there. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** What "copy value" puts on the clipboard: a string exactly as stored, anything else as JSON. */
export function copyableValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? 'null';
}
