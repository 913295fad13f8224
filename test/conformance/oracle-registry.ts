import { create, createFileRegistry, type FileRegistry } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
  file_google_protobuf_any,
  file_google_protobuf_duration,
  file_google_protobuf_field_mask,
  file_google_protobuf_timestamp,
  file_google_protobuf_wrappers,
  type DescriptorProto,
  type EnumDescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import protobuf from 'protobufjs';
import { wireTypes } from '@/lib/wire/wire-root';

/**
 * The test oracle's view of proto/: @bufbuild/protobuf (which passes the Protobuf conformance
 * suite) cannot parse .proto text, so the schema protobufjs parsed is handed to it as descriptors,
 * one file per package. Everything else — encoding, decoding, protojson — is @bufbuild's own code,
 * independent of the protobufjs path Holocron uses.
 */
const SCALAR: Record<string, FieldDescriptorProto_Type> = {
  double: FieldDescriptorProto_Type.DOUBLE,
  float: FieldDescriptorProto_Type.FLOAT,
  int64: FieldDescriptorProto_Type.INT64,
  uint64: FieldDescriptorProto_Type.UINT64,
  int32: FieldDescriptorProto_Type.INT32,
  fixed64: FieldDescriptorProto_Type.FIXED64,
  fixed32: FieldDescriptorProto_Type.FIXED32,
  bool: FieldDescriptorProto_Type.BOOL,
  string: FieldDescriptorProto_Type.STRING,
  bytes: FieldDescriptorProto_Type.BYTES,
  uint32: FieldDescriptorProto_Type.UINT32,
  sfixed32: FieldDescriptorProto_Type.SFIXED32,
  sfixed64: FieldDescriptorProto_Type.SFIXED64,
  sint32: FieldDescriptorProto_Type.SINT32,
  sint64: FieldDescriptorProto_Type.SINT64,
};

const WKT_FILES: Record<string, typeof file_google_protobuf_any> = {
  'google.protobuf.Any': file_google_protobuf_any,
  'google.protobuf.Duration': file_google_protobuf_duration,
  'google.protobuf.FieldMask': file_google_protobuf_field_mask,
  'google.protobuf.Timestamp': file_google_protobuf_timestamp,
};

const fq = (o: protobuf.ReflectionObject) => o.fullName; // ".pkg.Name"
const pkgOf = (o: protobuf.ReflectionObject): string => {
  let p: protobuf.ReflectionObject | null = o;
  while (p && !(p instanceof protobuf.Namespace && !(p instanceof protobuf.Type) && !(p instanceof protobuf.Service) && p.parent && !(p.parent instanceof protobuf.Type))) p = p.parent;
  return p ? p.fullName.slice(1) : '';
};

function jsonName(name: string): string {
  return name.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
}

function enumProto(e: protobuf.Enum): Partial<EnumDescriptorProto> {
  return { name: e.name, value: Object.entries(e.values).map(([name, number]) => ({ name, number }) as never) };
}

function fieldProto(f: protobuf.Field, oneofIndex: Map<string, number>, deps: Set<string>, mapEntries: Partial<DescriptorProto>[]): Partial<FieldDescriptorProto> {
  f.resolve();
  const base: Partial<FieldDescriptorProto> = { name: f.name, number: f.id, jsonName: jsonName(f.name) };
  if (f.partOf) base.oneofIndex = oneofIndex.get(f.partOf.name);
  const typeOf = (type: string, resolved: protobuf.ReflectionObject | null): Partial<FieldDescriptorProto> => {
    if (SCALAR[type] !== undefined) return { type: SCALAR[type] };
    if (!resolved) throw new Error(`unresolved type ${type}`);
    const name = fq(resolved);
    if (name.startsWith('.google.protobuf.')) deps.add(name.slice(1));
    else deps.add(pkgOf(resolved));
    return { type: resolved instanceof protobuf.Enum ? FieldDescriptorProto_Type.ENUM : FieldDescriptorProto_Type.MESSAGE, typeName: name };
  };
  if (f instanceof protobuf.MapField) {
    const entryName = `${f.name.replace(/(^|_)(.)/g, (_, __, c: string) => c.toUpperCase())}Entry`;
    mapEntries.push({
      name: entryName,
      field: [
        { name: 'key', number: 1, jsonName: 'key', label: FieldDescriptorProto_Label.OPTIONAL, ...typeOf(f.keyType, null) } as never,
        { name: 'value', number: 2, jsonName: 'value', label: FieldDescriptorProto_Label.OPTIONAL, ...typeOf(f.type, f.resolvedType) } as never,
      ],
      options: { mapEntry: true } as never,
    });
    return { ...base, label: FieldDescriptorProto_Label.REPEATED, type: FieldDescriptorProto_Type.MESSAGE, typeName: `${fq(f.parent!)}.${entryName}` };
  }
  return { ...base, label: f.repeated ? FieldDescriptorProto_Label.REPEATED : FieldDescriptorProto_Label.OPTIONAL, ...typeOf(f.type, f.resolvedType) };
}

function messageProto(t: protobuf.Type, deps: Set<string>): Partial<DescriptorProto> {
  const oneofIndex = new Map(t.oneofsArray.map((o, i) => [o.name, i]));
  const mapEntries: Partial<DescriptorProto>[] = [];
  const field = t.fieldsArray.map((f) => fieldProto(f, oneofIndex, deps, mapEntries));
  const nested = t.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type).map((n) => messageProto(n, deps));
  const enums = t.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum).map(enumProto);
  return { name: t.name, field: field as never, oneofDecl: t.oneofsArray.map((o) => ({ name: o.name }) as never), nestedType: [...nested, ...mapEntries] as never, enumType: enums as never };
}

function packageFile(ns: protobuf.Namespace): FileDescriptorProto {
  const deps = new Set<string>();
  const messages = ns.nestedArray.filter((n): n is protobuf.Type => n instanceof protobuf.Type).map((t) => messageProto(t, deps));
  const enums = ns.nestedArray.filter((n): n is protobuf.Enum => n instanceof protobuf.Enum).map(enumProto);
  const pkg = ns.fullName.slice(1);
  deps.delete(pkg);
  const depFiles = [...deps].map((d) => (d.startsWith('google.protobuf.') ? (WKT_FILES[d]?.proto.name ?? file_google_protobuf_wrappers.proto.name) : `${d}.proto`));
  return create(FileDescriptorProtoSchema, { name: `${pkg}.proto`, package: pkg, syntax: 'proto3', dependency: [...new Set(depFiles)], messageType: messages as never, enumType: enums as never });
}

let cached: FileRegistry | null = null;

export function oracleRegistry(): FileRegistry {
  if (cached) return cached;
  const root = wireTypes().root;
  const files = new Map<string, FileDescriptorProto>();
  for (const pkg of ['tetragon', 'flow', 'relay', 'observer']) files.set(`${pkg}.proto`, packageFile(root.lookup(pkg) as protobuf.Namespace));
  const wkt = [file_google_protobuf_any, file_google_protobuf_duration, file_google_protobuf_field_mask, file_google_protobuf_timestamp, file_google_protobuf_wrappers];
  cached = createFileRegistry(files.get('observer.proto')!, (name) => files.get(name) ?? wkt.find((f) => f.proto.name === name));
  // The observer file reaches flow and relay; tetragon is a registry of its own, merged in.
  const tetragon = createFileRegistry(files.get('tetragon.proto')!, (name) => wkt.find((f) => f.proto.name === name));
  cached = createFileRegistry(cached, tetragon);
  return cached;
}
