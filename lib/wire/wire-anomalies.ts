import type protobuf from 'protobufjs';
import { typePlan, type FieldPlan } from './field-plan';
import { childPath } from './protojson-error';

/**
 * The slow second look at a decoded message in which toProtoJson counted an anomaly: where the
 * field numbers this schema does not declare are (their wire bytes, base64, so nothing is lost),
 * and which enum numbers it has no name for (protojson prints those as numbers). Paths are
 * jq-style, relative to the line (`.process_kprobe.args[0]`).
 */
export interface WireAnomalies {
  unknown_fields: { path: string; bytes: string }[];
  unknown_enums: string[];
}

type Decoded = Record<string, unknown>;

const MAX_REPORTED = 64; // a hostile peer must not make the marker larger than the event

function unknownBytes(message: Decoded): string | null {
  const parts = message.$unknowns as Uint8Array[] | undefined;
  if (!parts || parts.length === 0) return null;
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))).toString('base64');
}

function visitValue(f: FieldPlan, v: unknown, path: string, out: WireAnomalies): void {
  if (out.unknown_fields.length + out.unknown_enums.length >= MAX_REPORTED) return;
  if (f.kind === 'enum') {
    if (f.enumNames?.[v as number] === undefined) out.unknown_enums.push(path);
  } else if (f.kind === 'message') {
    visit(f.type as protobuf.Type, v as Decoded, path, out);
  } else if (f.kind === 'timestamp' || f.kind === 'wrapper' || f.kind === 'duration' || f.kind === 'fieldmask' || f.kind === 'any') {
    const bytes = unknownBytes(v as Decoded);
    if (bytes) out.unknown_fields.push({ path, bytes });
  }
}

function visit(type: protobuf.Type, message: Decoded, path: string, out: WireAnomalies): void {
  const bytes = unknownBytes(message);
  if (bytes) out.unknown_fields.push({ path: path || '.', bytes });
  for (const f of typePlan(type).fields) {
    const v = message[f.name];
    if (v === undefined || v === null) continue;
    if (f.kind !== 'enum' && f.kind !== 'message' && f.kind !== 'timestamp' && f.kind !== 'wrapper') continue;
    const p = childPath(path, f.name);
    if (f.map) for (const [k, item] of Object.entries(v as Decoded)) visitValue(f, item, childPath(p, k), out);
    else if (f.repeated) (v as unknown[]).forEach((item, i) => visitValue(f, item, childPath(p, i), out));
    else if (!f.inOneof || Object.prototype.hasOwnProperty.call(message, f.name)) visitValue(f, v, p, out);
  }
}

export function wireAnomalies(type: protobuf.Type, message: Decoded): WireAnomalies {
  const out: WireAnomalies = { unknown_fields: [], unknown_enums: [] };
  visit(type, message, '', out);
  return out;
}
