import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it.each([
    ['/flows?q=verdict%3DDROPPED', '/flows?q=verdict%3DDROPPED'],
    ['/events/abc#json', '/events/abc#json'],
    ['/%09/evil.example/x', '/%09/evil.example/x'], // stays an encoded path segment here
    ['/\t/evil.example/x', '/'], // a browser drops the tab: //evil.example
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['/\\/evil.example', '/'],
    ['/.//evil.example', '/'],
    ['/\r\nSet-Cookie: x=1', '/Set-Cookie:%20x=1'],
    ['/ünïcødé/✓', '/%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E2%9C%93'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    ['', '/'],
    [null, '/'],
  ])('%j → %j', (next, expected) => {
    const out = safeNext(next);
    expect(out).toBe(expected);
    expect(out).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/); // ASCII, a path of this origin
    expect(() => new Headers({ location: out })).not.toThrow();
  });
});
