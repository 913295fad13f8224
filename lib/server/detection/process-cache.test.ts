import { describe, expect, it } from 'vitest';
import { EventView } from '@/lib/domain/rules/event-view';
import { FIELDS } from '@/lib/domain/rules/field-registry';
import { execEvent, kprobeEvent, fileArg, proc, SYSTEMD, XWING_POD } from '@/lib/domain/rules/tetragon-event-fixtures';
import type { ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';
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
  it('keeps every value the rules read of a stored process, however many share strings', () => {
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
      // The pod's names, labels and image, and the capabilities, are not read of an ancestor (below).
      expect(cache.get(id)).toEqual({ exec_id: id, binary: '/usr/bin/curl', arguments: 'x'.repeat(300), pid: 7 });
    }
  });
});

describe('process cache: what it keeps of a process', () => {
  /** Every field of the rule language, with each index 0–4 where it takes one, read on `line`. */
  function readAll(line: TetragonEventJson, resolve: (execId: string) => ProcessJson | undefined): Record<string, unknown> {
    const view = new EventView(line, resolve);
    const out: Record<string, unknown> = {};
    const read = (name: string, f: () => unknown) => {
      try {
        out[name] = f();
      } catch (e) {
        out[name] = `threw ${(e as Error).message}`;
      }
    };
    for (const f of FIELDS) {
      if (f.get) read(f.name, () => f.get!(view));
      const arg = f.arg;
      if (!arg) continue;
      const args: (string | number)[] = arg.kind === 'key' ? ['class', 'app'] : [0, 1, 2, 3, 4];
      for (const a of args) read(`${f.name}[${a}]`, () => arg.get(view, a));
    }
    return out;
  }

  it('gives every field of every rule the value the whole process gives, for parents and ancestors from the cache', () => {
    const extra: Partial<ProcessJson> = {
      cwd: '/srv',
      cap: { permitted: ['CAP_KILL'], effective: ['CAP_KILL'] },
      process_credentials: { uid: 0, euid: 0, gid: 0 },
      user: { name: 'root' },
      in_init_tree: false,
      environment_variables: [{ Key: 'A', Value: 'b' }],
      binary_properties: { setuid: 0 },
    } as Partial<ProcessJson>;
    const shim = proc('/usr/bin/containerd-shim-runc-v2', { parent: SYSTEMD, extra });
    const sh = proc('/bin/sh', { args: '-c "curl -s x"', pod: XWING_POD, vpid: 11, parent: shim, extra });
    const curl = proc('/usr/bin/curl', { args: '-s deathstar', pod: XWING_POD, vpid: 12, parent: sh, extra });
    const whole = new Map<string, ProcessJson>([SYSTEMD, shim, sh].map((p) => [p.exec_id!, structuredClone(p)]));
    const cache = new ProcessCache(10);
    for (const p of [SYSTEMD, shim, sh]) cache.set(structuredClone(p));
    // No `parent` sent with the events: the parent and every ancestor come from the resolver.
    const execNoParent = execEvent(curl);
    const open = kprobeEvent('security_file_permission', curl, undefined, [fileArg('/etc/shadow')]);
    for (const line of [execNoParent, open]) {
      const fromWhole = readAll(line, (id) => whole.get(id));
      expect(Object.keys(fromWhole).length).toBeGreaterThan(100);
      expect(fromWhole['proc.pname']).toBe('sh');
      expect(fromWhole['proc.aname[3]']).toBe('systemd');
      expect(readAll(line, (id) => cache.get(id))).toEqual(fromWhole);
    }
  });
});
