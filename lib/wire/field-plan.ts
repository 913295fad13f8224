import protobuf from 'protobufjs';

/**
 * A per-message-type description of how each field converts to and from protojson, computed once
 * per type (reflection is slow; ingest converts every message).
 */
export type FieldKind =
  | 'string'
  | 'bool'
  | 'number' // 32-bit ints, float, double
  | 'int64' // 64-bit ints: strings in JSON
  | 'bytes' // base64 in JSON
  | 'enum'
  | 'timestamp' // google.protobuf.Timestamp: RFC 3339 string
  | 'wrapper' // google.protobuf.*Value: the bare inner value
  | 'duration' // google.protobuf.Duration: "1.5s"
  | 'fieldmask' // google.protobuf.FieldMask: "a.b,c" (lowerCamelCase paths)
  | 'any' // google.protobuf.Any: {"@type": url, …the packed message's fields}
  | 'message';

export interface FieldPlan {
  name: string; // proto name, the protojson key
  camel: string; // lowerCamelCase alias accepted on input
  kind: FieldKind;
  repeated: boolean;
  map: boolean;
  keyIs64: boolean;
  inOneof: boolean;
  oneof: string | null; // the oneof's name: decoders set message[oneof] = the chosen member's name
  enumNames?: Readonly<Record<number, string>>;
  enumValues?: Readonly<Record<string, number>>;
  wrapperKind?: FieldKind; // kind of the wrapper's inner value
  type?: protobuf.Type; // nested message type (kind 'message')
}

export interface TypePlan {
  fields: FieldPlan[];
  byKey: Map<string, FieldPlan>; // proto names and lowerCamelCase aliases
  byName: Map<string, FieldPlan>; // proto names only
}

const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const NUMBER = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32', 'float', 'double']);
const WRAPPER_INNER: Record<string, FieldKind> = {
  'google.protobuf.DoubleValue': 'number',
  'google.protobuf.FloatValue': 'number',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'int64',
  'google.protobuf.Int32Value': 'number',
  'google.protobuf.UInt32Value': 'number',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

const plans = new WeakMap<protobuf.Type, TypePlan>();

function scalarKind(type: string): FieldKind {
  if (type === 'string') return 'string';
  if (type === 'bool') return 'bool';
  if (type === 'bytes') return 'bytes';
  if (INT64.has(type)) return 'int64';
  if (NUMBER.has(type)) return 'number';
  throw new Error(`unsupported scalar type ${type}`);
}

function fullName(t: protobuf.ReflectionObject): string {
  return t.fullName.replace(/^\./, '');
}

function planField(field: protobuf.Field): FieldPlan {
  field.resolve();
  const base = {
    name: field.name,
    camel: field.name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
    repeated: field.repeated,
    map: field.map,
    keyIs64: field instanceof protobuf.MapField && INT64.has(field.keyType),
    inOneof: Boolean(field.partOf),
    oneof: field.partOf ? field.partOf.name : null,
  };
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) {
    const names: Record<number, string> = {};
    for (const [name, num] of Object.entries(resolved.values)) if (!(num in names)) names[num] = name;
    return { ...base, kind: 'enum', enumNames: names, enumValues: resolved.values };
  }
  if (resolved instanceof protobuf.Type) {
    const fn = fullName(resolved);
    if (fn === 'google.protobuf.Timestamp') return { ...base, kind: 'timestamp' };
    if (fn === 'google.protobuf.Duration') return { ...base, kind: 'duration' };
    if (fn === 'google.protobuf.FieldMask') return { ...base, kind: 'fieldmask' };
    if (fn === 'google.protobuf.Any') return { ...base, kind: 'any', type: resolved };
    const inner = WRAPPER_INNER[fn];
    if (inner) return { ...base, kind: 'wrapper', wrapperKind: inner };
    return { ...base, kind: 'message', type: resolved };
  }
  return { ...base, kind: scalarKind(field.type) };
}

export function typePlan(type: protobuf.Type): TypePlan {
  let plan = plans.get(type);
  if (!plan) {
    const fields = type.fieldsArray.map(planField);
    const byKey = new Map<string, FieldPlan>();
    const byName = new Map<string, FieldPlan>();
    for (const f of fields) {
      byKey.set(f.name, f);
      byKey.set(f.camel, f);
      byName.set(f.name, f);
    }
    plan = { fields, byKey, byName };
    plans.set(type, plan);
  }
  return plan;
}
