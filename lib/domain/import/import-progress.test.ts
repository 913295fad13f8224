import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipUnpackedSize, progressShare } from './import-progress';

describe('gzipUnpackedSize', () => {
  it('reads the unpacked size from a real gzip trailer', () => {
    const text = '{"flow":{}}\n'.repeat(10_000);
    const gz = zlib.gzipSync(text);
    expect(gzipUnpackedSize(gz.subarray(gz.length - 4), gz.length)).toBe(text.length);
  });

  it('distrusts a size smaller than the file, and a short trailer', () => {
    expect(gzipUnpackedSize(new Uint8Array([1, 0, 0, 0]), 100)).toBeNull();
    expect(gzipUnpackedSize(new Uint8Array([1, 0]), 1)).toBeNull();
  });
});

describe('progressShare', () => {
  const base = { sentChars: 0, textSize: 1000, readBytes: 0, fileSize: 100, finished: false };
  it('counts the text sent, and never says done before it is', () => {
    expect(progressShare({ ...base, sentChars: 250 })).toBe(0.25);
    expect(progressShare({ ...base, sentChars: 5000 })).toBe(0.99);
    expect(progressShare({ ...base, sentChars: 5000, finished: true })).toBe(1);
  });
  it('falls back to the share of the file read when the text size is unknown', () => {
    expect(progressShare({ ...base, textSize: null, readBytes: 40 })).toBe(0.4);
    expect(progressShare({ ...base, textSize: null, fileSize: 0 })).toBe(0);
  });
});
