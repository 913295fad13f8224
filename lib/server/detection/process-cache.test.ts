import { describe, expect, it } from 'vitest';
import { ProcessCache } from './process-cache';

const p = (id: string, binary = '/bin/sh') => ({ exec_id: id, binary });

describe('process cache', () => {
  it('evicts the least recently used process beyond its capacity', () => {
    const cache = new ProcessCache(2);
    cache.set(p('a'));
    cache.set(p('b'));
    cache.get('a'); // a is now the most recent
    cache.set(p('c'));
    expect([cache.get('a')?.exec_id, cache.get('b'), cache.get('c')?.exec_id]).toEqual(['a', undefined, 'c']);
    expect(cache.size).toBe(2);
  });

  it('never lets a warm-up entry replace a newer one', () => {
    const cache = new ProcessCache(10);
    cache.set(p('a', '/usr/bin/new'));
    cache.setIfAbsent(p('a', '/usr/bin/old'));
    expect(cache.get('a')?.binary).toBe('/usr/bin/new');
  });
});

describe('process cache sharing', () => {
  it('keeps every value of a stored process, in its key order, however many share strings', () => {
    const cache = new ProcessCache(10);
    const make = (id: string) => ({
      exec_id: id,
      binary: '/usr/bin/curl',
      arguments: 'x'.repeat(300), // longer than what is shared
      pid: 7,
      pod: { namespace: 'default', name: 'xwing', pod_labels: { class: 'xwing', org: 'alliance' }, container: { image: { name: 'quay.io/cilium/json-mock:v1.3.8' } } },
      cap: { permitted: ['CAP_CHOWN', 'CAP_KILL'] },
    });
    for (const id of ['a', 'b', 'c']) cache.set(make(id));
    cache.setIfAbsent(make('d'));
    for (const id of ['a', 'b', 'c', 'd']) {
      const got = cache.get(id)!;
      expect(got).toEqual(make(id));
      expect(JSON.stringify(got)).toBe(JSON.stringify(make(id)));
    }
  });
});
