import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { EventView } from './event-view';
import { FIELDS, resolveField } from './field-registry';

/**
 * Events captured from a real Tetragon (test/fixtures/captured/tetragon.ndjson): every hook shape
 * it sends reads through Falco's fields without a throw, and the hooks become Falco's events.
 */
const lines = readFileSync(new URL('../../../test/fixtures/captured/tetragon.ndjson', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as TetragonEventJson);

function hookEvent(hook: string): TetragonEventJson {
  const found = lines.find((l) => {
    const v = new EventView(l);
    return v.hook === hook;
  });
  if (!found) throw new Error(`no ${hook} event captured`);
  return found;
}

const read = (field: string, event: TetragonEventJson) => resolveField(field).get(new EventView(event));

describe('captured Tetragon events as Falco sees them', () => {
  it('reads every computed field of every captured event without throwing', () => {
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) {
      const view = new EventView(line);
      for (const field of FIELDS) if (field.get) expect(() => field.get!(view), field.name).not.toThrow();
      for (const ref of ['evt.arg[0]', 'evt.arg.flags', 'evt.arg.fd', 'evt.arg.name', 'evt.rawarg.res', 'proc.aname[2]']) {
        expect(() => resolveField(ref).get(view), ref).not.toThrow();
      }
    }
  });

  it('maps file hooks to openat with the fields Falco reads', () => {
    const fd = hookEvent('fd_install');
    expect(read('evt.type', fd)).toBe('openat');
    expect(read('fd.num', fd)).toBe(fd.process_kprobe!.args![0]!.int_arg);
    expect(read('fd.name', fd)).toBe(fd.process_kprobe!.args![1]!.file_arg!.path);
    const open = hookEvent('__x64_sys_openat');
    expect(read('evt.type', open)).toBe('openat');
    expect(read('evt.arg.name', open)).toBe(open.process_kprobe!.args![1]!.string_arg);
    expect(typeof read('evt.arg.flags', open)).toBe('string');
    const enter = hookEvent('syscalls/sys_enter_openat');
    expect([read('evt.type', enter), read('evt.dir', enter)]).toEqual(['openat', '>']);
    expect(read('evt.type', hookEvent('file_open'))).toBe('openat');
  });

  it('maps socket, credential, module and bpf hooks', () => {
    const connect = hookEvent('security_socket_connect');
    expect(read('evt.type', connect)).toBe('connect');
    expect(read('evt.type', hookEvent('tcp_sendmsg'))).toBe('sendmsg');
    const setuid = hookEvent('__x64_sys_setuid');
    expect(read('evt.type', setuid)).toBe('setuid');
    expect(read('evt.arg.uid', setuid)).toBe(String(setuid.process_kprobe!.args![0]!.int_arg));
    expect(read('evt.rawres', setuid)).toBe(setuid.process_kprobe!.return!.int_arg ?? 0);
    expect(read('evt.type', hookEvent('do_init_module'))).toBe('init_module');
    const bpf = hookEvent('__sys_bpf');
    expect(read('evt.type', bpf)).toBe('bpf');
    expect(read('evt.arg.cmd', bpf)).toMatch(/^BPF_/);
  });
});
