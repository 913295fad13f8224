import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FALCO_FIELD_CLASSES } from './falco-field-catalogue';
import { renderEventDocs, renderFieldDocs } from './field-docs';
import { fieldDef, resolveField } from './field-registry';
import { EventView } from './event-view';

/**
 * The field catalogue: every field of Falco's syscall source that the docs list must be known to
 * the loader (a rule using it loads), and the generated docs must be what the code says.
 */
const doc = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

/** `proc.aname[N]` → `proc.aname[1]`; `evt.arg.NAME` → `evt.arg.flags`; `k8s.pod.label[KEY]` → `k8s.pod.label[app]`. */
function usable(ref: string): string {
  return ref.replace('[N]', '[1]').replace('[KEY]', '[app]').replace('.NAME', '.flags');
}

describe('Falco field catalogue', () => {
  it('docs/FALCO_FIELDS.md and docs/FALCO_EVENTS.md are up to date (npm run docs:falco)', () => {
    expect(doc('FALCO_FIELDS.md')).toBe(renderFieldDocs());
    expect(doc('FALCO_EVENTS.md')).toBe(renderEventDocs());
  });

  it('knows every field the docs table lists, in every argument form it shows', () => {
    const refs = [...doc('FALCO_FIELDS.md').matchAll(/^\| (`[^|]+`) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!));
    expect(refs.length).toBeGreaterThan(280);
    for (const ref of refs) expect(() => resolveField(usable(ref)), ref).not.toThrow();
  });

  it('knows every field of Falco\'s syscall source, typed, and reads the unavailable ones as absent', () => {
    const view = new EventView({ process_exec: { process: { binary: '/bin/sh', pid: 1 } }, node_name: 'n', time: '2026-11-22T09:14:00Z' });
    for (const cls of FALCO_FIELD_CLASSES) {
      for (const [name, type] of cls.fields) {
        const def = fieldDef(name);
        expect(def, name).toBeDefined();
        const expected = type === 'BOOL' ? 'bool' : /INT|DOUBLE|TIME|PORT/.test(type) ? 'number' : 'string';
        if (type !== 'DYNAMIC') expect(def!.type, name).toBe(expected);
        if (def!.doc === 'Not available from Tetragon' && def!.get) expect(def!.get(view), name).toBeUndefined();
      }
    }
  });

  it('accepts Falco\'s argument forms', () => {
    for (const ref of ['proc.aname[2]', 'proc.aexepath[1]', 'evt.arg[1]', 'evt.arg.flags', 'evt.arg[flags]', 'evt.rawarg.res', 'evt.type.is.open',
      'k8s.pod.label.app', 'k8s.pod.label[app.kubernetes.io/name]', 'proc.env[HOME]', 'container.mount.dest[/var/run/docker.sock]', 'container.label.maintainer', 'thread.cgroup.cpuacct']) {
      expect(() => resolveField(ref), ref).not.toThrow();
    }
    expect(() => resolveField('proc.aname[x]')).toThrow('must be a number');
    expect(() => resolveField('evt.made_up')).toThrow('unknown field "evt.made_up"');
  });
});
