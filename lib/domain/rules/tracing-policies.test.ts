import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { falcoEventType } from './event-view';
import { SYSCALL_PARAMS } from './falco-syscalls';

/**
 * The TracingPolicies shipped under deploy/tetragon/ must produce hooks Holocron turns into the
 * Falco events the docs promise: every kprobe maps to a Falco syscall event whose parameters
 * cover the arguments the policy captures.
 */
const DIR = new URL('../../../deploy/tetragon/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

interface Policy {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { kprobes: { call: string; syscall: boolean; args?: { index: number; type: string }[]; returnArg?: { index: number; type: string } }[] };
}

describe('deploy/tetragon TracingPolicies', () => {
  it('exist', () => expect(files.length).toBeGreaterThanOrEqual(5));

  for (const file of files) {
    it(`${file}: every hook becomes a Falco event`, () => {
      const policy = parse(readFileSync(new URL(file, DIR), 'utf8')) as Policy;
      expect(policy.apiVersion).toBe('cilium.io/v1alpha1');
      expect(policy.kind).toBe('TracingPolicy');
      expect(policy.metadata.name).toMatch(/^[a-z0-9-]+$/);
      for (const k of policy.spec.kprobes) {
        // Tetragon reports syscall kprobes with the arch prefix (__x64_sys_openat).
        const reported = k.syscall ? `__x64_${k.call}` : k.call;
        const { type, direct } = falcoEventType('process_kprobe', reported);
        expect(type, k.call).not.toBe(reported);
        expect(direct, k.call).toBe(k.syscall);
        if (k.syscall) {
          const params = SYSCALL_PARAMS[type];
          expect(params, `${k.call} → ${type}`).toBeDefined();
          // Tetragon lists captured args in policy order; Falco's names apply by position, so the
          // policy must capture the syscall's arguments from the first one on, without gaps.
          (k.args ?? []).forEach((arg, i) => expect(arg.index, `${k.call} arg ${i}`).toBe(i));
          expect((k.args ?? []).length, k.call).toBeLessThanOrEqual(params!.length);
        }
      }
    });
  }
});
