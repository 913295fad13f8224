import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, jsonResponse } from './gzip-response';

const req = (acceptEncoding?: string) => new Request('http://holocron.test/api/x', { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
const utf8 = new TextEncoder();

describe('acceptsGzip', () => {
  it('reads the gzip and * tokens and their q values', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0, *')).toBe(false);
    expect(acceptsGzip('deflate, *;q=0.1')).toBe(true);
    expect(acceptsGzip('deflate, *;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip('')).toBe(false);
    expect(acceptsGzip(null)).toBe(false);
  });
});

describe('jsonResponse', () => {
  const big = [utf8.encode('{"execs":['), utf8.encode(Array.from({ length: 2000 }, (_, i) => `["p${i}","\u202e<b>é</b>"]`).join(',')), utf8.encode(']}')];
  const text = Buffer.concat(big).toString('utf8');

  it('gzips a large body for a client that takes gzip, and gives back the same bytes', async () => {
    const res = await jsonResponse(req('gzip, deflate'), big);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(text.length / 5);
    expect(zlib.gunzipSync(body).toString('utf8')).toBe(text);
    expect(JSON.parse(text).execs).toHaveLength(2000);
  });

  it('sends the chunks as they are to a client without gzip, and small bodies uncompressed', async () => {
    for (const [r, chunks] of [
      [req(), big],
      [req('br;q=1, gzip;q=0'), big],
      [req('gzip'), [utf8.encode('{"execs":[]}')]],
    ] as const) {
      const res = await jsonResponse(r, chunks, { status: 200 });
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe(Buffer.concat(chunks).toString('utf8'));
    }
  });
});
