import Long from 'long';
import protobuf from 'protobufjs';

/**
 * A minimal protobuf encoder driven by field numbers alone, for a test peer written only from
 * the facts in WIRE.md: it shares nothing with Holocron's .proto files or codec.
 */
export type Field = (w: protobuf.Writer) => void;

const tag = (w: protobuf.Writer, n: number, wire: number) => w.uint32((n << 3) | wire);

export const varint = (n: number, v: number): Field => (w) => tag(w, n, 0).uint32(v);
export const int32 = (n: number, v: number): Field => (w) => tag(w, n, 0).int32(v);
export const bool = (n: number, v: boolean): Field => (w) => tag(w, n, 0).bool(v);
export const uint64 = (n: number, v: string): Field => (w) => tag(w, n, 0).uint64(Long.fromString(v, true));
export const int64 = (n: number, v: string): Field => (w) => tag(w, n, 0).int64(Long.fromString(v));
export const double = (n: number, v: number): Field => (w) => tag(w, n, 1).double(v);
export const string = (n: number, v: string): Field => (w) => tag(w, n, 2).string(v);
export const bytes = (n: number, v: Uint8Array): Field => (w) => tag(w, n, 2).bytes(v);
export const message = (n: number, ...fields: Field[]): Field => (w) => tag(w, n, 2).bytes(encode(...fields));
/** Packed repeated varints (proto3's default for repeated enums and ints). */
export const packed = (n: number, values: number[]): Field => (w) => {
  const inner = protobuf.Writer.create();
  for (const v of values) inner.uint32(v);
  tag(w, n, 2).bytes(inner.finish());
};
export const timestamp = (n: number, seconds: number, nanos: number): Field =>
  message(n, ...(seconds ? [int64(1, String(seconds))] : []), ...(nanos ? [int32(2, nanos)] : []));
/** A wrapper (google.protobuf.*Value): present even when its value is zero. */
export const wrappedU32 = (n: number, v: number): Field => message(n, ...(v ? [varint(1, v)] : []));
export const wrappedI32 = (n: number, v: number): Field => message(n, ...(v ? [int32(1, v)] : []));
export const wrappedBool = (n: number, v: boolean): Field => message(n, ...(v ? [bool(1, v)] : []));
export const mapEntry = (n: number, key: string, value: string): Field => message(n, string(1, key), string(2, value));

export function encode(...fields: Field[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const f of fields) f(w);
  return w.finish();
}
