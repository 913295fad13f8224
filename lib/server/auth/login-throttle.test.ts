import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('lets ten failures go free, then doubles the wait, per client only', () => {
    const t = new LoginThrottle(10, 2000, 15 * 60_000, 3_600_000);
    for (let i = 0; i < 9; i++) t.fail('a', 0);
    expect(t.retryAfterMs('a', 0)).toBe(0);
    t.fail('a', 0);
    expect(t.retryAfterMs('a', 0)).toBe(2000);
    t.fail('a', 2000);
    expect(t.retryAfterMs('a', 2000)).toBe(4000);
    t.fail('a', 6000);
    expect(t.retryAfterMs('a', 6000)).toBe(8000);
    expect(t.retryAfterMs('owner', 6000)).toBe(0); // no global switch
    for (let i = 0; i < 40; i++) t.fail('a', 10_000);
    expect(t.retryAfterMs('a', 10_000)).toBe(15 * 60_000); // capped
    expect(t.retryAfterMs('a', 10_000 + 3_600_000)).toBe(0); // forgotten after an hour
  });

  it('clears a client on success and stays bounded', () => {
    const t = new LoginThrottle(1, 1000, 60_000, 3_600_000, 3);
    t.fail('a', 0);
    expect(t.retryAfterMs('a', 0)).toBe(1000);
    t.succeed('a');
    expect(t.retryAfterMs('a', 0)).toBe(0);
    for (const c of ['b', 'c', 'd', 'e']) t.fail(c, 0);
    expect(t.retryAfterMs('b', 0)).toBe(0); // the oldest was forgotten
    expect(t.retryAfterMs('e', 0)).toBe(1000);
  });
});
