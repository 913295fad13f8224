import { describe, expect, it } from 'vitest';
import { compileGlob } from './glob';

const matches = (pattern: string, input: string) => compileGlob(pattern)(input);

describe('compileGlob', () => {
  it('matches literals exactly', () => {
    expect(matches('/etc/shadow', '/etc/shadow')).toBe(true);
    expect(matches('/etc/shadow', '/etc/shadow-')).toBe(false);
  });

  it('lets * span any characters, slashes included', () => {
    expect(matches('/var/log/*', '/var/log/deathstar/access.log')).toBe(true);
    expect(matches('*.pem', 'server.pem')).toBe(true);
    expect(matches('*.pem', 'server.pem.bak')).toBe(false);
    expect(matches('a*b*c', 'aXXbYYc')).toBe(true);
    expect(matches('a*b*c', 'aXXcYYb')).toBe(false);
    expect(matches('*', '')).toBe(true);
  });

  it('matches one character with ?', () => {
    expect(matches('/dev/tty?', '/dev/tty1')).toBe(true);
    expect(matches('/dev/tty?', '/dev/tty')).toBe(false);
  });

  it('supports classes, ranges and negation', () => {
    expect(matches('id_[rd]sa', 'id_rsa')).toBe(true);
    expect(matches('id_[rd]sa', 'id_xsa')).toBe(false);
    expect(matches('v[0-9].*', 'v2.1')).toBe(true);
    expect(matches('-[!-]*[ec]', '-lvpe')).toBe(true);
    expect(matches('-[!-]*[ec]', '--exec')).toBe(false);
    expect(matches('-[^-]*[ec]', '-nc')).toBe(true);
    expect(matches('[]]', ']')).toBe(true);
  });

  it('treats an unclosed [ as a literal', () => {
    expect(matches('a[b', 'a[b')).toBe(true);
  });

  it('stays fast on patterns that would make a naive matcher explode', () => {
    const input = 'a'.repeat(5000);
    const started = performance.now();
    expect(matches('*a*a*a*a*a*a*a*b', input)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
