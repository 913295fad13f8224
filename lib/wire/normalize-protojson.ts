import type protobuf from 'protobufjs';
import { typePlan, type FieldKind, type FieldPlan } from './field-plan';
import { ProtoJsonError, childPath } from './protojson-error';
import type { JsonObject, JsonValue } from './to-protojson';
import { parseTimestamp } from './timestamp';

/**
 * Validate an imported protojson object against our schema and bring the fields we know to
 * their canonical spelling (proto names, enum names, 64-bit as strings) while keeping every
 * field we do not know exactly as given: an imported Tetragon export must not lose evidence just
 * because it comes from a newer agent than this schema. The same goes for an enum name this
 * schema lacks: kept verbatim. Both are listed (jq paths) in `unknown` when the caller asks.
 * A value of the wrong type for a field we do know is an error naming its path.
 */
function fail(path: string, reason: string): never {
  throw new ProtoJsonError(path, reason);
}

const DURATION = /^-?\d{1,12}(\.\d{1,9})?s$/;

function scalar(kind: FieldKind, v: unknown, f: FieldPlan, path: string, unknown: string[] | null): JsonValue {
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
      if (typeof v === 'number' && Number.isInteger(v)) {
        const name = f.enumNames?.[v];
        if (name === undefined) unknown?.push(path);
        return name ?? v;
      }
      if (typeof v === 'string') {
        // A name from a newer schema: kept as given (a reader that knows it will understand it).
        if (f.enumValues?.[v] === undefined) unknown?.push(path);
        return v;
      }
      return fail(path, 'expected an enum name or number');
    case 'timestamp':
      if (typeof v !== 'string') return fail(path, 'expected an RFC 3339 timestamp');
      try {
        parseTimestamp(v);
      } catch (e) {
        fail(path, (e as Error).message);
      }
      return v;
    case 'duration':
      return typeof v === 'string' && DURATION.test(v) ? v : fail(path, 'expected a duration such as "1.5s"');
    case 'fieldmask':
      return typeof v === 'string' ? v : fail(path, 'expected a field mask string');
    case 'any':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
      return v as JsonObject;
    case 'wrapper':
      return scalar(f.wrapperKind ?? 'number', v, f, path, unknown);
    case 'message':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
      return normalizeProtoJson(f.type as protobuf.Type, v as Record<string, unknown>, path, unknown);
  }
}

export function normalizeProtoJson(type: protobuf.Type, json: Record<string, unknown>, path = '', unknown: string[] | null = null): JsonObject {
  const { byKey } = typePlan(type);
  const out: JsonObject = {};
  for (const [key, v] of Object.entries(json)) {
    const f = byKey.get(key);
    if (!f) {
      // Holocron's own marks (`_holocron`, from an export of Holocron) are not an unknown field.
      if (key !== '_holocron' || path !== '') unknown?.push(childPath(path, key));
      out[key] = v as JsonValue;
      continue;
    }
    if (v === null) continue;
    const p = childPath(path, key);
    if (f.map) {
      if (typeof v !== 'object' || Array.isArray(v)) fail(p, 'expected an object (map)');
      const m: JsonObject = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) m[k] = scalar(f.kind, item, f, childPath(p, k), unknown);
      out[f.name] = m;
    } else if (f.repeated) {
      if (!Array.isArray(v)) fail(p, 'expected an array');
      out[f.name] = (v as unknown[]).map((item, i) => scalar(f.kind, item, f, childPath(p, i), unknown));
    } else {
      out[f.name] = scalar(f.kind, v, f, p, unknown);
    }
  }
  return out;
}
