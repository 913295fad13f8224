import { describe, expect, it } from 'vitest';
import { SessionRegistry } from './session-registry';

const limits = { idleMs: 60_000, maxMs: 300_000 };

describe('SessionRegistry', () => {
  it('ends a session on logout, after idling, and at its absolute lifetime', () => {
    const r = new SessionRegistry();
    const a = r.issue(0);
    expect(r.touch(a, limits, 1000)).toBe(true);
    r.revoke(a);
    expect(r.touch(a, limits, 1001)).toBe(false);

    const b = r.issue(0);
    expect(r.touch(b, limits, 59_000)).toBe(true);
    expect(r.touch(b, limits, 118_000)).toBe(true); // activity keeps it alive
    expect(r.touch(b, limits, 178_000)).toBe(false); // 60 s idle

    const c = r.issue(0);
    for (let t = 50_000; t < 300_000; t += 50_000) expect(r.touch(c, limits, t)).toBe(true);
    expect(r.touch(c, limits, 300_000)).toBe(false); // absolute
    expect(r.touch('made-up', limits, 0)).toBe(false);
    expect(r.touch(undefined, limits, 0)).toBe(false);
  });

  it('is bounded', () => {
    const r = new SessionRegistry(2);
    const first = r.issue(0);
    r.issue(0);
    r.issue(0);
    expect(r.size).toBe(2);
    expect(r.touch(first, limits, 1)).toBe(false);
  });
});
