import { afterEach, describe, expect, it, vi } from 'vitest';

describe('appUrl', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('leaves paths alone without a base path', async () => {
    vi.stubEnv('NEXT_PUBLIC_HOLOCRON_BASE_PATH', '');
    const { appUrl } = await import('./app-url');
    expect(appUrl('/api/flows?q=x')).toBe('/api/flows?q=x');
  });

  it('prefixes the base path', async () => {
    vi.stubEnv('NEXT_PUBLIC_HOLOCRON_BASE_PATH', '/holocron');
    const { appUrl } = await import('./app-url');
    expect(appUrl('/api/stream?x=1')).toBe('/holocron/api/stream?x=1');
    expect(appUrl('/')).toBe('/holocron');
  });

  it('refuses relative and protocol-relative paths', async () => {
    const { appUrl } = await import('./app-url');
    expect(() => appUrl('api/flows')).toThrow(/absolute path/);
    expect(() => appUrl('//evil.example/x')).toThrow(/absolute path/);
  });
});
