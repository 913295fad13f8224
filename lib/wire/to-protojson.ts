import type protobuf from 'protobufjs';
import { typePlan, type FieldKind, type FieldPlan } from './field-plan';
import { formatTimestamp } from './timestamp';

/**
 * Decoded protobuf message → the upstream protojson object, as `tetra getevents -o json` and
 * `hubble observe -o json` print it: proto names, enum names, 64-bit integers as strings, wrappers
 * bare, bytes as base64, zero-valued plain scalars omitted (oneof members and wrappers kept).
 */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

type Decoded = Record<string, unknown>;

/**
 * Things a newer peer sent that this schema cannot name: field numbers it lacks (protobufjs keeps
 * their bytes in `$unknowns` when the reader is told to) and enum numbers without a name. Counting
 * them costs one property read per message and nothing per field: the caller compares the count
 * before and after a message and, only then, walks it again for the paths (wire-anomalies.ts).
 */
let anomalies = 0;
export function anomalyCount(): number {
  return anomalies;
}

interface LongLike {
  low: number;
  high: number;
  unsigned: boolean;
  toString(): string;
}

function int64ToString(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return v;
  return (v as LongLike).toString();
}

/** A 64-bit integer as a number when it is exactly one (every timestamp's seconds), else null: no string, no BigInt. */
function int64ToSafeNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  if (typeof v !== 'object' || v === null) return null;
  const l = v as LongLike;
  if (l.unsigned && l.high < 0) return null;
  const n = l.high * 4294967296 + (l.low >>> 0);
  return Number.isSafeInteger(n) ? n : null;
}

function isZeroInt64(v: unknown): boolean {
  if (typeof v === 'number') return v === 0;
  if (typeof v === 'bigint') return v === 0n;
  if (typeof v === 'string') return v === '0';
  const l = v as LongLike;
  return l.low === 0 && l.high === 0;
}

function bytesToBase64(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return String(v ?? '');
}

function numberToJson(v: number): JsonValue {
  // protojson writes non-finite floats as strings.
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

function scalar(kind: FieldKind, v: unknown, f: FieldPlan): JsonValue {
  switch (kind) {
    case 'string':
      return String(v);
    case 'bool':
      return Boolean(v);
    case 'number':
      return numberToJson(Number(v));
    case 'int64':
      return int64ToString(v);
    case 'bytes':
      return bytesToBase64(v);
    case 'enum': {
      const name = f.enumNames?.[v as number];
      if (name !== undefined) return name;
      anomalies++;
      return v as number;
    }
    case 'timestamp': {
      const ts = v as { seconds?: unknown; nanos?: number };
      const seconds = int64ToSafeNumber(ts.seconds ?? 0);
      return formatTimestamp(seconds ?? BigInt(int64ToString(ts.seconds ?? 0)), ts.nanos ?? 0);
    }
    case 'wrapper': {
      const inner = (v as { value?: unknown }).value;
      return scalar(f.wrapperKind ?? 'number', inner ?? defaultOf(f.wrapperKind ?? 'number'), f);
    }
    case 'duration': {
      const d = v as { seconds?: unknown; nanos?: number };
      return formatDuration(BigInt(int64ToString(d.seconds ?? 0)), d.nanos ?? 0);
    }
    case 'fieldmask':
      return ((v as { paths?: string[] }).paths ?? []).map(lowerCamelPath).join(',');
    case 'any':
      return anyToJson(f.type as protobuf.Type, v as { type_url?: string; value?: Uint8Array });
    case 'message':
      return toProtoJson(f.type as protobuf.Type, v as Decoded);
  }
}

function formatDuration(seconds: bigint, nanos: number): string {
  const negative = seconds < 0n || nanos < 0;
  const s = negative ? -seconds : seconds;
  const n = Math.abs(nanos);
  let frac = '';
  if (n !== 0) {
    const digits = String(n).padStart(9, '0');
    frac = `.${n % 1_000_000 === 0 ? digits.slice(0, 3) : n % 1000 === 0 ? digits.slice(0, 6) : digits}`;
  }
  return `${negative ? '-' : ''}${s}${frac}s`;
}

function lowerCamelPath(path: string): string {
  return path.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * An Any whose type this schema knows prints as protojson does ({"@type": url, …fields}); one it
 * does not know (protojson would refuse to print it) keeps its bytes as base64 in "value".
 */
function anyToJson(anyType: protobuf.Type, v: { type_url?: string; value?: Uint8Array }): JsonObject {
  const url = v.type_url ?? '';
  const name = url.slice(url.lastIndexOf('/') + 1);
  let packed: protobuf.Type | null = null;
  try {
    packed = name ? anyType.root.lookupType(name) : null;
  } catch {
    packed = null;
  }
  if (!packed) return { '@type': url, value: bytesToBase64(v.value ?? new Uint8Array()) };
  return { '@type': url, ...toProtoJson(packed, packed.decode(v.value ?? new Uint8Array()) as unknown as Decoded) };
}

function defaultOf(kind: FieldKind): unknown {
  if (kind === 'string' || kind === 'bytes') return '';
  if (kind === 'bool') return false;
  return 0;
}

function isZero(f: FieldPlan, v: unknown): boolean {
  switch (f.kind) {
    case 'string':
      return v === '';
    case 'bool':
      return v === false;
    case 'number':
    case 'enum':
      return v === 0;
    case 'int64':
      return isZeroInt64(v);
    case 'bytes':
      return (v as Uint8Array).length === 0;
    default:
      return false;
  }
}

export function toProtoJson(type: protobuf.Type, message: Decoded): JsonObject {
  if (message.$unknowns !== undefined) anomalies++;
  const { byName } = typePlan(type);
  const out: JsonObject = {};
  // Only the fields the message carries: decoders set those as own properties (defaults live on
  // the prototype), so the cost follows the fields present, not the 40-odd a Flow declares.
  for (const key of Object.keys(message)) {
    const f = byName.get(key);
    if (f === undefined) continue; // a oneof's case name, $unknowns
    const v = message[key];
    if (v === undefined || v === null) continue;
    if (f.map) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.length === 0) continue;
      const obj: JsonObject = {};
      for (const [k, item] of entries) obj[k] = scalar(f.kind, item, f);
      out[f.name] = obj;
    } else if (f.repeated) {
      const arr = v as unknown[];
      if (arr.length === 0) continue;
      out[f.name] = arr.map((item) => scalar(f.kind, item, f));
    } else if (f.oneof !== null) {
      // A oneof member is kept even at zero; when a later member replaced it, the case says so.
      const chosen = message[f.oneof];
      if (chosen !== undefined && chosen !== f.name) continue;
      out[f.name] = scalar(f.kind, v, f);
    } else {
      if (isZero(f, v)) continue;
      out[f.name] = scalar(f.kind, v, f);
    }
  }
  return out;
}
