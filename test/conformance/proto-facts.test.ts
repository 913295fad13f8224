import fs from 'node:fs';
import path from 'node:path';
import { ScalarType, type DescField } from '@bufbuild/protobuf';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { wireTypes } from '@/lib/wire/wire-root';
import { oracleRegistry } from './oracle-registry';

/**
 * proto/ against the schema facts it was written from (the shared wire-facts files, one line per
 * field: number, name, type, oneof; per enum value: number, name). The facts live beside the
 * project, not in it: point HOLOCRON_WIRE_FACTS at them; without them this check is skipped.
 */
const dir = process.env.HOLOCRON_WIRE_FACTS ?? path.resolve(__dirname, '../../../shared/wire-facts');
const present = fs.existsSync(path.join(dir, 'tetragon.txt'));

const SCALAR_NAMES: Record<number, string> = {
  [ScalarType.DOUBLE]: 'double', [ScalarType.FLOAT]: 'float', [ScalarType.INT64]: 'int64', [ScalarType.UINT64]: 'uint64',
  [ScalarType.INT32]: 'int32', [ScalarType.FIXED64]: 'fixed64', [ScalarType.FIXED32]: 'fixed32', [ScalarType.BOOL]: 'bool',
  [ScalarType.STRING]: 'string', [ScalarType.BYTES]: 'bytes', [ScalarType.UINT32]: 'uint32', [ScalarType.SFIXED32]: 'sfixed32',
  [ScalarType.SFIXED64]: 'sfixed64', [ScalarType.SINT32]: 'sint32', [ScalarType.SINT64]: 'sint64',
};

function typeOf(f: DescField): string {
  const one = (scalar: ScalarType | undefined, named: { typeName: string } | undefined) => (scalar !== undefined ? SCALAR_NAMES[scalar]! : named!.typeName);
  if (f.fieldKind === 'map') return `map<${SCALAR_NAMES[f.mapKey]}, ${one(f.scalar, f.message ?? f.enum)}>`;
  const base = one(f.scalar, f.message ?? f.enum);
  return f.fieldKind === 'list' ? `repeated ${base}` : base;
}

/** The facts and proto/ in the facts' own line format, by definition name. */
function factsText(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const file of ['tetragon.txt', 'hubble.txt']) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const head = /^(message|enum|service) (\S+)$/.exec(line);
      if (head) out.set(`${head[1]} ${head[2]}`, (current = []));
      else if (current && line.startsWith('  ')) current.push(line.trim().replace(/\s+/g, ' '));
    }
  }
  return out;
}

function protoText(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  // Services: from the parsed .proto files (the oracle's descriptors carry only messages and enums).
  const visit = (ns: protobuf.NamespaceBase): void => {
    for (const o of ns.nestedArray) {
      if (o instanceof protobuf.Service) {
        out.set(
          `service ${o.fullName.slice(1)}`,
          o.methodsArray.map((m) => {
            m.resolve();
            return `${m.name}(${m.resolvedRequestType!.fullName.slice(1)}) returns (${m.responseStream ? 'stream ' : ''}${m.resolvedResponseType!.fullName.slice(1)})`;
          }),
        );
      } else if (o instanceof protobuf.Namespace && !(o instanceof protobuf.Type)) visit(o);
    }
  };
  visit(wireTypes().root);
  for (const d of oracleRegistry()) {
    if (d.typeName.startsWith('google.protobuf.')) continue;
    if (d.kind === 'enum') out.set(`enum ${d.typeName}`, d.values.map((v) => `${v.number} ${v.name}`));
    if (d.kind === 'message' && !d.proto.options?.mapEntry) {
      out.set(`message ${d.typeName}`, d.fields.map((f) => `${f.number} ${f.name} ${typeOf(f)}${f.oneof ? ` (oneof ${f.oneof.name})` : ''}`));
    }
  }
  return out;
}

describe.skipIf(!present)('proto/ matches the wire facts', () => {
  it('declares every message, enum and service of the facts, field for field, value for value, method for method', () => {
    const facts = factsText();
    const ours = protoText();
    expect(facts.size).toBeGreaterThan(200);
    const sortLines = (m: Map<string, string[]>) => new Map([...m].map(([k, v]) => [k, [...v].sort()]));
    expect(sortLines(ours)).toEqual(sortLines(facts));
  });
});
