import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzipBody, jsonResponse } from './gzip-response';

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
