import Long from 'long';
import type protobuf from 'protobufjs';
import { typePlan, type FieldKind, type FieldPlan } from './field-plan';
import { ProtoJsonError, childPath } from './protojson-error';
import { parseTimestamp } from './timestamp';

/**
 * protojson object → a message object protobufjs can encode. Accepts what protojson readers
 * accept: proto names or lowerCamelCase, enum names or numbers, 64-bit values as strings or
 * numbers. A value of the wrong type throws a ProtoJsonError naming its path. Unknown keys are
 * ignored (our .proto files are subsets; real peers send more).
 */
type Message = Record<string, unknown>;

function fail(path: string, reason: string): never {
  throw new ProtoJsonError(path, reason);
}

function convertInt64(v: unknown, path: string): Long {
  if (typeof v === 'number' && Number.isInteger(v)) return Long.fromNumber(v);
  if (typeof v === 'string' && /^-?\d{1,20}$/.test(v)) {
    return v.startsWith('-') ? Long.fromString(v) : Long.fromString(v, true);
  }
  return fail(path, `expected a 64-bit integer (string or number), got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function convertScalar(kind: FieldKind, v: unknown, f: FieldPlan, path: string): unknown {
  switch (kind) {
    case 'string':
      if (typeof v !== 'string') fail(path, `expected a string, got ${describe(v)}`);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') fail(path, `expected true or false, got ${describe(v)}`);
      return v;
    case 'number':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      return fail(path, `expected a number, got ${describe(v)}`);
    case 'int64':
      return convertInt64(v, path);
    case 'bytes':
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v)) fail(path, `expected base64 bytes, got ${describe(v)}`);
      return Buffer.from(v, 'base64');
    case 'enum': {
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string') {
        const n = f.enumValues?.[v];
        if (n !== undefined) return n;
      }
      return fail(path, `expected one of ${Object.keys(f.enumValues ?? {}).slice(0, 8).join(', ')}…, got ${describe(v)}`);
    }
    case 'timestamp': {
      if (typeof v !== 'string') fail(path, `expected an RFC 3339 timestamp string, got ${describe(v)}`);
      try {
        const { seconds, nanos } = parseTimestamp(v);
        return { seconds: Long.fromString(seconds.toString()), nanos };
      } catch (e) {
        return fail(path, (e as Error).message);
      }
    }
    case 'duration': {
      const m = typeof v === 'string' ? /^(-)?(\d{1,12})(?:\.(\d{1,9}))?s$/.exec(v) : null;
      if (!m) return fail(path, `expected a duration such as "1.5s", got ${describe(v)}`);
      const sign = m[1] ? -1 : 1;
      return { seconds: Long.fromNumber(sign * Number(m[2])), nanos: sign * Number((m[3] ?? '').padEnd(9, '0')) };
    }
    case 'fieldmask':
      if (typeof v !== 'string') fail(path, `expected a field mask string, got ${describe(v)}`);
      return { paths: v === '' ? [] : v.split(',').map((p) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)) };
    case 'any': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, `expected an object, got ${describe(v)}`);
      const { '@type': url, ...rest } = v as Record<string, unknown>;
      if (typeof url !== 'string') return fail(childPath(path, '@type'), 'expected the packed type URL');
      const name = url.slice(url.lastIndexOf('/') + 1);
      const packed = (() => {
        try {
          return (f.type as protobuf.Type).root.lookupType(name);
        } catch {
          return null;
        }
      })();
      if (!packed) {
        if (typeof rest.value !== 'string') return fail(path, `unknown packed type ${JSON.stringify(url)}`);
        return { type_url: url, value: Buffer.from(rest.value, 'base64') };
      }
      return { type_url: url, value: packed.encode(fromProtoJson(packed, rest, path)).finish() };
    }
    case 'wrapper':
      return { value: convertScalar(f.wrapperKind ?? 'number', v, f, path) };
    case 'message':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `expected an object, got ${describe(v)}`);
      return fromProtoJson(f.type as protobuf.Type, v as Record<string, unknown>, path);
  }
}

export function fromProtoJson(type: protobuf.Type, json: Record<string, unknown>, path = ''): Message {
  const { byKey } = typePlan(type);
  const out: Message = {};
  for (const [key, v] of Object.entries(json)) {
    const f = byKey.get(key);
    if (!f || v === null) continue;
    const p = childPath(path, key);
    if (f.map) {
      if (typeof v !== 'object' || Array.isArray(v)) fail(p, `expected an object (map), got ${describe(v)}`);
      const m: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) m[k] = convertScalar(f.kind, item, f, childPath(p, k));
      out[f.name] = m;
    } else if (f.repeated) {
      if (!Array.isArray(v)) fail(p, `expected an array, got ${describe(v)}`);
      out[f.name] = v.map((item, i) => convertScalar(f.kind, item, f, childPath(p, i)));
    } else {
      out[f.name] = convertScalar(f.kind, v, f, p);
    }
  }
  return out;
}

/** Encode a protojson object of `type` to protobuf bytes (validating it on the way). */
export function encodeProtoJson(type: protobuf.Type, json: Record<string, unknown>): Uint8Array {
  return type.encode(fromProtoJson(type, json)).finish();
}
