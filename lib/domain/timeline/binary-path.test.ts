import { describe, expect, it } from 'vitest';
import { splitBinaryPath } from './binary-path';

describe('splitBinaryPath', () => {
  it('keeps the directory so that look-alike binaries stay apart', () => {
    expect(splitBinaryPath('/tmp/kworkerd')).toEqual({ dir: '/tmp/', base: 'kworkerd' });
    expect(splitBinaryPath('/usr/sbin/kworkerd')).toEqual({ dir: '/usr/sbin/', base: 'kworkerd' });
  });

  it('leaves names without a directory, and paths ending in a slash, whole', () => {
    expect(splitBinaryPath('kworkerd')).toEqual({ dir: '', base: 'kworkerd' });
    expect(splitBinaryPath('/weird/')).toEqual({ dir: '', base: '/weird/' });
    expect(splitBinaryPath('')).toEqual({ dir: '', base: '' });
  });
});
