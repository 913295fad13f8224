import { describe, expect, it } from 'vitest';
import { EventView } from './event-view';
import { compileOutput } from './output-template';
import { execEvent, proc, SHIM, SYSTEMD, TIEFIGHTER_POD } from './tetragon-event-fixtures';

const shell = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, pid: 32450 });
const view = new EventView(execEvent(shell, SHIM));
const hostView = new EventView(execEvent(proc('/usr/bin/kubelet', { parent: SYSTEMD }), SYSTEMD));

describe('compileOutput', () => {
  it('fills %field placeholders and lists the fields it used', () => {
    const out = compileOutput('Shell %proc.name in %k8s.ns.name/%k8s.pod.name (parent=%proc.pexepath uid=%user.uid)');
    expect(out.render(view)).toEqual({
      output: 'Shell sh in default/tiefighter (parent=/usr/bin/containerd-shim-runc-v2 uid=0)',
      outputFields: {
        'proc.name': 'sh',
        'k8s.ns.name': 'default',
        'k8s.pod.name': 'tiefighter',
        'proc.pexepath': '/usr/bin/containerd-shim-runc-v2',
        'user.uid': 0,
      },
    });
    expect(out.fields.map((f) => f.name)).toEqual(['proc.name', 'k8s.ns.name', 'k8s.pod.name', 'proc.pexepath', 'user.uid']);
  });

  it('writes <NA> for missing values and keeps them null in outputFields', () => {
    const out = compileOutput('pod=%k8s.pod.name tty=%proc.tty');
    expect(out.render(hostView)).toEqual({ output: 'pod=<NA> tty=<NA>', outputFields: { 'k8s.pod.name': null, 'proc.tty': null } });
  });

  it('reads bracketed fields, booleans and lists', () => {
    const out = compileOutput('class=%k8s.pod.label[class] gp=%proc.aname[2] priv=%container.privileged labels=%k8s.pod.labels');
    expect(out.render(view).output).toBe('class=tiefighter gp=<NA> priv=false labels=class:tiefighter,org:empire');
  });

  it('does not take a sentence\'s full stop for part of a field, and keeps stray or doubled %', () => {
    const out = compileOutput('Ran %proc.name. 100% sure, 5%% off, 50 %');
    expect(out.render(view).output).toBe('Ran sh. 100% sure, 5% off, 50 %');
  });

  it('keeps hostile event text raw: escaping is the caller\'s job', () => {
    const hostile = proc('/bin/sh', { args: '<script>alert(1)</script>\n\u001b[31m', pod: TIEFIGHTER_POD });
    const out = compileOutput('cmd=%proc.cmdline');
    expect(out.render(new EventView(execEvent(hostile))).output).toBe('cmd=sh <script>alert(1)</script>\n\u001b[31m');
  });

  it('rejects unknown fields with their column', () => {
    expect(() => compileOutput('user=%user.name pid=%proc.pidd')).toThrow('unknown field "proc.pidd" at column 21 of the output');
    expect(() => compileOutput('x=%k8s.pod.label[app')).toThrow('missing "]" after %k8s.pod.label at column 17 of the output');
  });
});
