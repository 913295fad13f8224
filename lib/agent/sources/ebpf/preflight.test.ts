import { describe, expect, it } from 'vitest';
import { kernelAtLeast } from './preflight';

describe('kernel version checks', () => {
  it('picks the capability layout by release (kernel_cap_t is one u64 since 6.3)', () => {
    expect(kernelAtLeast('6.18.44-fc-v595', 6, 3)).toBe(true);
    expect(kernelAtLeast('6.3.0', 6, 3)).toBe(true);
    expect(kernelAtLeast('6.1.0-28-amd64', 6, 3)).toBe(false);
    expect(kernelAtLeast('5.15.0-119-generic', 6, 3)).toBe(false);
    expect(kernelAtLeast('7.0.1', 6, 3)).toBe(true);
  });
});
