import { create, toBinary, toJson, type DescEnum, type DescField, type DescMessage, type FileRegistry, ScalarType } from '@bufbuild/protobuf';
import { oracleRegistry } from './oracle-registry';

/**
 * Conformance cases generated from the schema itself (proto/, through @bufbuild/protobuf's
 * reflection): for every message type one message with every field set, one more per further
 * oneof member, and one per enum value; each wrapped into the stream response that reaches it
 * (Tetragon's GetEventsResponse or Hubble's GetFlowsResponse), or — for the types no stream
 * carries (policies, nodes, agent and debug events, requests) — packed into a flow's `extensions`
 * (google.protobuf.Any). Encoded by @bufbuild/protobuf; the expected JSON is what it prints.
 */
export type Stream = 'tetragon' | 'hubble';
type Init = Record<string, unknown>;
export type Json = Record<string, unknown>;

export interface ConformanceCase {
  stream: Stream;
  label: string; // what the case covers, e.g. "tetragon.KprobeArgument oneof arg=sock_arg"
  bytes: Uint8Array; // the stream response on the wire
  json: Json; // @bufbuild's protojson with proto names (what the CLIs print)
  camel: Json; // the same with lowerCamelCase names (what protojson readers also accept)
  hasAny: boolean;
}

export interface Coverage {
  messages: Set<string>;
  oneofMembers: Set<string>; // "pkg.Message.field"
  enumValues: Set<string>; // "pkg.Enum.NAME"
}

const ROOTS: Record<Stream, string> = { tetragon: 'tetragon.GetEventsResponse', hubble: 'observer.GetFlowsResponse' };
const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue'].map((n) => `google.protobuf.${n}`));
const T0 = 1795338843n; // 2026-11-22T09:14:03Z
const NANOS = [0, 470_000_000, 470_113_000, 452_313_491];
const MAX_DEPTH = 7;

interface Variant {
  oneofs?: Map<string, string>; // oneof name → chosen member (default: the first)
  enumField?: { field: string; value: number };
}

export class CaseBuilder {
  readonly registry: FileRegistry = oracleRegistry();
  readonly coverage: Coverage = { messages: new Set(), oneofMembers: new Set(), enumValues: new Set() };
  private n = 0;

  private scalar(t: ScalarType, name: string): unknown {
    const n = ++this.n;
    switch (t) {
      case ScalarType.STRING:
        return n % 5 === 0 ? `${name} é ✓ ${n}` : `${name}-${n}`;
      case ScalarType.BOOL:
        return true;
      case ScalarType.BYTES:
        return new Uint8Array([n % 256, 0, 255, 1, 62, 63]);
      case ScalarType.INT32:
      case ScalarType.SINT32:
      case ScalarType.SFIXED32:
        return n % 2 ? -n : n;
      case ScalarType.UINT32:
      case ScalarType.FIXED32:
        return n % 3 === 0 ? 4294967295 - n : n;
      case ScalarType.INT64:
      case ScalarType.SINT64:
      case ScalarType.SFIXED64:
        return n % 2 ? -9007199254740993n - BigInt(n) : BigInt(n);
      case ScalarType.UINT64:
      case ScalarType.FIXED64:
        return n % 2 ? 18446744073709551615n - BigInt(n) : BigInt(n);
      case ScalarType.DOUBLE:
        return n % 2 ? n + 0.1 : -n - 0.25;
      case ScalarType.FLOAT:
        return (n % 7) + 0.5;
    }
    throw new Error(`scalar type ${t}`);
  }

  private enumValue(e: DescEnum): number {
    // Not the zero value (protojson leaves a zero plain field out), cycling through the others.
    const values = e.values.filter((v) => v.number !== 0);
    if (values.length === 0) return 0;
    const v = values[++this.n % values.length]!;
    this.coverage.enumValues.add(`${e.typeName}.${v.name}`);
    return v.number;
  }

  private special(m: DescMessage): unknown | undefined {
    const n = ++this.n;
    if (WRAPPERS.has(m.typeName)) return this.scalar(m.fields[0]!.scalar!, m.name);
    switch (m.typeName) {
      case 'google.protobuf.Timestamp':
        return { seconds: T0 + BigInt(n), nanos: NANOS[n % NANOS.length] };
      case 'google.protobuf.Duration':
        return { seconds: BigInt(n), nanos: NANOS[n % NANOS.length] };
      case 'google.protobuf.FieldMask':
        return { paths: ['process.binary', 'process_exec.parent_exec_id'] };
      case 'google.protobuf.Any': {
        const emitter = this.registry.getMessage('flow.Emitter')!;
        return { typeUrl: 'type.googleapis.com/flow.Emitter', value: toBinary(emitter, create(emitter, { name: 'Hubble', version: `1.19.${n}` })) };
      }
    }
    return undefined;
  }

  private value(f: DescField, depth: number): unknown {
    const one = (): unknown => {
      if (f.scalar !== undefined) return this.scalar(f.scalar, f.name);
      if (f.enum) return this.enumValue(f.enum);
      return this.message(f.message!, depth + 1);
    };
    if (f.fieldKind === 'list') return f.listKind === 'message' && depth + 1 > MAX_DEPTH ? [] : [one(), one()];
    if (f.fieldKind === 'map') {
      const v = (): unknown => (f.mapKind === 'scalar' ? this.scalar(f.scalar!, f.name) : f.mapKind === 'enum' ? this.enumValue(f.enum!) : this.message(f.message!, depth + 1));
      return { [`k8s.io/${f.name}-${++this.n}`]: v(), [`key-${++this.n}`]: v() };
    }
    return one();
  }

  /** An init object for `m` with every field set (a oneof: its chosen member). */
  message(m: DescMessage, depth = 0, variant: Variant = {}): Init | unknown {
    const special = this.special(m);
    if (special !== undefined) return special;
    this.coverage.messages.add(m.typeName);
    const init: Init = {};
    if (depth > MAX_DEPTH) return init;
    for (const f of m.fields) {
      if (f.oneof) {
        const chosen = variant.oneofs?.get(f.oneof.name) ?? f.oneof.fields[0]!.name;
        if (chosen !== f.name) continue;
        this.coverage.oneofMembers.add(`${m.typeName}.${f.name}`);
        init[f.oneof.localName] = { case: f.localName, value: this.value(f, depth) };
        continue;
      }
      if (f.fieldKind === 'message' && depth + 1 > MAX_DEPTH) continue;
      init[f.localName] = this.value(f, depth);
    }
    if (variant.enumField) {
      const f = m.fields.find((x) => x.name === variant.enumField!.field)!;
      const e = f.enum!;
      const v = e.values.find((x) => x.number === variant.enumField!.value)!;
      this.coverage.enumValues.add(`${e.typeName}.${v.name}`);
      const value = f.fieldKind === 'list' ? [v.number] : v.number;
      if (f.oneof) init[f.oneof.localName] = { case: f.localName, value };
      else init[f.localName] = value;
    }
    return init;
  }

  /** Message fields from the stream root to each type it reaches (breadth first: the shortest). */
  paths(stream: Stream): Map<string, DescField[]> {
    const root = this.registry.getMessage(ROOTS[stream])!;
    const found = new Map<string, DescField[]>([[root.typeName, []]]);
    const queue: DescMessage[] = [root];
    while (queue.length) {
      const m = queue.shift()!;
      for (const f of m.fields) {
        const child = f.message;
        if (!child || f.fieldKind === 'map' || child.typeName.startsWith('google.protobuf.') || found.has(child.typeName)) continue;
        found.set(child.typeName, [...found.get(m.typeName)!, f]);
        queue.push(child);
      }
    }
    return found;
  }

  /** Wrap `inner` (an init of the path's last type) into the stream's response, with a unique time. */
  wrap(stream: Stream, path: DescField[], inner: unknown): Init {
    let value = inner;
    for (let i = path.length - 1; i >= 0; i--) {
      const f = path[i]!;
      const v = f.fieldKind === 'list' ? [value] : value;
      value = f.oneof ? { [f.oneof.localName]: { case: f.localName, value: v } } : { [f.localName]: v };
    }
    return value as Init;
  }
}

function uniqueTime(init: Init, i: number): void {
  // Each case its own second: event ids derive from the time, and the export is in time order.
  init.time = { seconds: T0 + 100_000n + BigInt(i), nanos: NANOS[i % NANOS.length] };
  init.nodeName = `kind-worker${i % 3 || ''}`;
}

export function conformanceCases(): { cases: ConformanceCase[]; coverage: Coverage; registry: FileRegistry } {
  const b = new CaseBuilder();
  const reg = b.registry;
  const cases: ConformanceCase[] = [];
  const reach = { tetragon: b.paths('tetragon'), hubble: b.paths('hubble') };
  const anyPath = reach.hubble.get('flow.Flow')!.concat(reg.getMessage('flow.Flow')!.fields.find((f) => f.name === 'extensions')!);
  const add = (m: DescMessage, label: string, variant: Variant) => {
    const stream: Stream = reach.tetragon.has(m.typeName) ? 'tetragon' : 'hubble';
    const path = reach[stream].get(m.typeName);
    const inner = b.message(m, path ? path.length : 2, variant);
    let init: Init;
    if (path) init = b.wrap(stream, path, inner);
    else {
      // No stream carries this type: a flow's extensions (Any) does.
      const any = { typeUrl: `type.googleapis.com/${m.typeName}`, value: toBinary(m, create(m, inner as never)) };
      init = b.wrap('hubble', anyPath, any);
    }
    const root = reg.getMessage(ROOTS[stream])!;
    uniqueTime(init, cases.length);
    const msg = create(root, init as never);
    const bytes = toBinary(root, msg);
    const json = toJson(root, msg, { useProtoFieldName: true, registry: reg }) as Json;
    const camel = toJson(root, msg, { registry: reg }) as Json;
    cases.push({ stream, label, bytes, json, camel, hasAny: !path || JSON.stringify(json).includes('"@type"') });
  };
  const messages = [...reg].filter((d): d is DescMessage => d.kind === 'message' && !d.typeName.startsWith('google.protobuf.') && !d.proto.options?.mapEntry);
  const enumsDone = new Set<string>();
  for (const m of messages) {
    add(m, m.typeName, {});
    for (const o of m.oneofs) for (const f of o.fields.slice(1)) add(m, `${m.typeName} oneof ${o.name}=${f.name}`, { oneofs: new Map([[o.name, f.name]]) });
    for (const f of m.fields) {
      if (!f.enum || f.fieldKind === 'map' || enumsDone.has(f.enum.typeName)) continue;
      enumsDone.add(f.enum.typeName);
      for (const v of f.enum.values) add(m, `${f.enum.typeName}.${v.name} in ${m.typeName}.${f.name}`, { enumField: { field: f.name, value: v.number }, oneofs: f.oneof ? new Map([[f.oneof.name, f.name]]) : undefined });
    }
  }
  return { cases, coverage: b.coverage, registry: reg };
}
