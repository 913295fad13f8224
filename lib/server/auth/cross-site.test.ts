import { describe, expect, it } from 'vitest';
import { crossOriginRefusal, simpleContentTypeRefusal } from './cross-site';

const h = (o: Record<string, string>) => new Headers({ host: '127.0.0.1:3000', ...o });

describe('cross-origin state changes', () => {
  it('lets this origin, the public URL and non-browser clients through', () => {
    expect(crossOriginRefusal('POST', h({ origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }), null)).toBeNull();
    expect(crossOriginRefusal('POST', h({ 'sec-fetch-site': 'same-origin' }), null)).toBeNull();
    expect(crossOriginRefusal('POST', h({}), null)).toBeNull(); // curl: neither header
    expect(crossOriginRefusal('POST', h({ origin: 'https://holocron.example', 'sec-fetch-site': 'cross-site' }), 'https://holocron.example')).toBeNull();
    expect(crossOriginRefusal('GET', h({ origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }), null)).toBeNull();
  });

  it('refuses another port of the same host, a sibling subdomain, and opaque origins', () => {
    expect(crossOriginRefusal('POST', h({ origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-site' }), null)).toMatch(/same-site/);
    expect(crossOriginRefusal('POST', h({ origin: 'http://127.0.0.1:4000' }), null)).toMatch(/Origin http:\/\/127\.0\.0\.1:4000/);
    expect(crossOriginRefusal('DELETE', h({ origin: 'null' }), null)).toMatch(/not this server/);
    expect(crossOriginRefusal('PUT', h({ 'sec-fetch-site': 'cross-site' }), null)).toMatch(/cross-site/);
  });

  it('refuses the content types a form or no-cors fetch can send', () => {
    for (const t of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(simpleContentTypeRefusal(new Headers({ 'content-type': t }))).toMatch(/refused from a browser session/);
    }
    expect(simpleContentTypeRefusal(new Headers())).toMatch(/none/);
    expect(simpleContentTypeRefusal(new Headers({ 'content-type': 'application/x-ndjson' }))).toBeNull();
    expect(simpleContentTypeRefusal(new Headers({ 'content-type': 'application/json' }))).toBeNull();
  });
});
