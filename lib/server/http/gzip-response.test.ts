import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzipBody, gzipJson, jsonResponse } from './gzip-response';

const req = (accept?: string) => new Request('http://holocron.test/api/x', { headers: accept === undefined ? {} : { accept } });
const utf8 = new TextEncoder();

describe('acceptsGzipBody', () => {
  it('reads an application/gzip entry of Accept and its q value', () => {
    expect(acceptsGzipBody('application/gzip, application/json;q=0.5')).toBe(true);
    expect(acceptsGzipBody('application/json, Application/GZIP;q=0.2')).toBe(true);
    expect(acceptsGzipBody('application/gzip;q=0, application/json')).toBe(false);
    expect(acceptsGzipBody('*/*')).toBe(false); // curl and scripts get JSON
    expect(acceptsGzipBody('application/json')).toBe(false);
    expect(acceptsGzipBody(null)).toBe(false);
  });
});

describe('jsonResponse', () => {
  const chunks = [utf8.encode('{"execs":['), utf8.encode(Array.from({ length: 2000 }, (_, i) => `["p${i}","\u202e<b>é</b>"]`).join(',')), utf8.encode(']}')];
  const text = Buffer.concat(chunks).toString('utf8');

  it('gzips the body for a client that asks for application/gzip, and it unpacks to the same JSON', async () => {
    const res = await jsonResponse(req('application/gzip, application/json;q=0.5'), chunks);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(text.length / 5);
    expect(zlib.gunzipSync(body).toString('utf8')).toBe(text);
    // The way the timeline reads it.
    const unpacked = await new Response(new Response(body).body!.pipeThrough(new DecompressionStream('gzip'))).json();
    expect(unpacked.execs).toHaveLength(2000);
  });

  it('sends plain JSON chunks to any other client', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'application/gzip;q=0']) {
      const res = await jsonResponse(req(accept), chunks);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(text);
    }
  });
});

describe('gzipJson', () => {
  // Text that compresses (repeated keys) and text that does not (random base64), across piece borders.
  const random = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(Math.random() * 256))).toString('base64');
  const big = utf8.encode(Array.from({ length: 16_000 }, (_, i) => `["${random(33)}",${i},"/usr/bin/é\u202e${i % 7}","-c handler"]`).join(','));

  it('packs a large body in parts into one gzip member that zlib and DecompressionStream unpack exactly', async () => {
    expect(big.byteLength).toBeGreaterThan(1024 * 1024);
    for (const pieces of [1, 2, 3]) {
      const packed = await gzipJson(big, pieces);
      expect(packed.byteLength).toBeLessThan(big.byteLength * 0.7);
      expect(Buffer.compare(zlib.gunzipSync(packed), Buffer.from(big))).toBe(0);
      const viaStream = new Uint8Array(await new Response(new Response(packed as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
      expect(Buffer.compare(viaStream, Buffer.from(big))).toBe(0);
    }
    // A corrupted byte is caught by the CRC of the whole, not passed on.
    const bad = await gzipJson(big, 2);
    bad[bad.byteLength - 9]! ^= 1;
    expect(() => zlib.gunzipSync(bad)).toThrow();
  });

  it('packs a body given as chunks (small head and tail, empty chunks) as the same bytes joined', async () => {
    const head = utf8.encode('{"namespace":"é","execs":[');
    const tail = utf8.encode(']}');
    for (const chunks of [[head, big, tail], [head, new Uint8Array(0), big.subarray(0, 700_000), big.subarray(700_000), tail], [new Uint8Array(0), big], [head, tail]]) {
      const joined = Buffer.concat(chunks);
      for (const pieces of [1, 2, 3]) {
        const packed = await gzipJson(chunks, pieces);
        expect(Buffer.compare(zlib.gunzipSync(packed), joined)).toBe(0);
        const viaStream = new Uint8Array(await new Response(new Response(packed as Uint8Array<ArrayBuffer>).body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
        expect(Buffer.compare(viaStream, joined)).toBe(0);
      }
    }
  });

  it('packs small and empty bodies in one piece', async () => {
    for (const body of [new Uint8Array(0), utf8.encode('{"execs":[]}')]) expect(Buffer.compare(zlib.gunzipSync(await gzipJson(body, 4)), Buffer.from(body))).toBe(0);
  });
});
