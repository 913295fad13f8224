import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A bad value in the environment stops the server at start, with a message naming the variable.
describe('start-up configuration', () => {
  it.each([
    ['HOLOCRON_AGENTS', 'grpc://127.0.0.1:1'],
    ['HOLOCRON_AGENTS', 'tetragon://127.0.0.1'],
    ['HOLOCRON_RETENTION', 'forever'],
  ])('refuses %s=%s', (variable, value) => {
    const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', '0'], {
      cwd: path.resolve(__dirname, '..'),
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', HOLOCRON_DB: ':memory:', [variable]: value },
      timeout: 60_000,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`invalid configuration: ${variable}`);
  });
});
