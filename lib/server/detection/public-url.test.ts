import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { publicBaseUrl } from './public-url';

describe('base of links in webhooks', () => {
  it('is HOLOCRON_PUBLIC_URL when set, else where the server listens', () => {
    expect(publicBaseUrl({ publicUrl: 'https://holocron.example/', host: '127.0.0.1', port: 3000 })).toBe('https://holocron.example');
    expect(publicBaseUrl({ publicUrl: null, host: '10.0.0.5', port: 8080 })).toBe('http://10.0.0.5:8080');
    expect(publicBaseUrl({ publicUrl: null, host: '0.0.0.0', port: 3000 })).toBe(`http://${os.hostname()}:3000`);
    expect(publicBaseUrl({ publicUrl: null, host: '::1', port: 3000 })).toBe('http://[::1]:3000');
  });
});
