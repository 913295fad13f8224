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
    case 'enum':
      return f.enumNames?.[v as number] ?? (v as number);
    case 'timestamp': {
      const ts = v as { seconds?: unknown; nanos?: number };
      return formatTimestamp(BigInt(int64ToString(ts.seconds ?? 0)), ts.nanos ?? 0);
    }
    case 'wrapper': {
      const inner = (v as { value?: unknown }).value;
      return scalar(f.wrapperKind ?? 'number', inner ?? defaultOf(f.wrapperKind ?? 'number'), f);
    }
    case 'message':
      return toProtoJson(f.type as protobuf.Type, v as Decoded);
  }
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
  const out: JsonObject = {};
  for (const f of typePlan(type).fields) {
    const v = message[f.name];
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
    } else if (f.inOneof) {
      // A oneof member is present only when the decoder set it as the chosen case.
      if (!Object.prototype.hasOwnProperty.call(message, f.name)) continue;
      out[f.name] = scalar(f.kind, v, f);
    } else {
      if (isZero(f, v)) continue;
      out[f.name] = scalar(f.kind, v, f);
    }
  }
  return out;
}
