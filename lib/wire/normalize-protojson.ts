import type protobuf from 'protobufjs';
import { typePlan, type FieldKind, type FieldPlan } from './field-plan';
import { ProtoJsonError, childPath } from './protojson-error';
import type { JsonObject, JsonValue } from './to-protojson';
import { parseTimestamp } from './timestamp';

/**
 * Validate an imported protojson object against our schema and bring the fields we know to
 * their canonical spelling (proto names, enum names, 64-bit as strings) while keeping every
 * field we do not know exactly as given: an imported Tetragon export must not lose evidence just
 * because Holocron's .proto subset does not declare a field.
 */
function fail(path: string, reason: string): never {
  throw new ProtoJsonError(path, reason);
}

function scalar(kind: FieldKind, v: unknown, f: FieldPlan, path: string): JsonValue {
  switch (kind) {
    case 'string':
      return typeof v === 'string' ? v : fail(path, 'expected a string');
    case 'bool':
      return typeof v === 'boolean' ? v : fail(path, 'expected true or false');
    case 'number':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
      return fail(path, 'expected a number');
    case 'int64':
      if (typeof v === 'number' && Number.isInteger(v)) return String(v);
      if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) return v;
      return fail(path, 'expected a 64-bit integer');
    case 'bytes':
      return typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v) ? v : fail(path, 'expected base64 bytes');
    case 'enum':
      if (typeof v === 'number' && Number.isInteger(v)) return f.enumNames?.[v] ?? v;
      if (typeof v === 'string' && f.enumValues?.[v] !== undefined) return v;
      return fail(path, `unknown enum value ${JSON.stringify(v)}`);
    case 'timestamp':
      if (typeof v !== 'string') return fail(path, 'expected an RFC 3339 timestamp');
      try {
        parseTimestamp(v);
      } catch (e) {
        fail(path, (e as Error).message);
      }
      return v;
    case 'wrapper':
      return scalar(f.wrapperKind ?? 'number', v, f, path);
    case 'message':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
      return normalizeProtoJson(f.type as protobuf.Type, v as Record<string, unknown>, path);
  }
}

export function normalizeProtoJson(type: protobuf.Type, json: Record<string, unknown>, path = ''): JsonObject {
  const { byKey } = typePlan(type);
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(json)) {
    const f = byKey.get(key);
    if (!f) {
      out[key] = v as JsonValue;
      continue;
    }
    if (v === null) continue;
    const p = childPath(path, key);
    if (f.map) {
      if (typeof v !== 'object' || Array.isArray(v)) fail(p, 'expected an object (map)');
      const m: JsonObject = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) m[k] = scalar(f.kind, item, f, childPath(p, k));
      out[f.name] = m;
    } else if (f.repeated) {
      if (!Array.isArray(v)) fail(p, 'expected an array');
      out[f.name] = (v as unknown[]).map((item, i) => scalar(f.kind, item, f, childPath(p, i)));
    } else {
      out[f.name] = scalar(f.kind, v, f, p);
    }
  }
  return out;
}
