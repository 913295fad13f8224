import { describe, expect, it } from 'vitest';
import { decodeExecIdParts, execIdOf, joinArguments } from './exec-id';

describe('exec_id', () => {
  it("is base64 of node:ktime:pid, as Tetragon's", () => {
    // The example exec_id of WIRE.md decodes to exactly these parts.
    expect(execIdOf('kind-worker', 4534007919985n, 32460)).toBe('a2luZC13b3JrZXI6NDUzNDAwNzkxOTk4NTozMjQ2MA==');
    expect(decodeExecIdParts('a2luZC13b3JrZXI6NDUzNDAwNzkxOTk4NTozMjQ2MA==')).toEqual({ node: 'kind-worker', ktimeNs: 4534007919985n, pid: 32460 });
  });

  it('keeps node names with colons decodable', () => {
    expect(decodeExecIdParts(execIdOf('a:b', 1n, 2))).toEqual({ node: 'a:b', ktimeNs: 1n, pid: 2 });
  });

  it('joins arguments like Tetragon, quoting the ones with spaces', () => {
    expect(joinArguments(['-c', 'truncate -s 0 /var/log/x.log; kill -9 1'])).toBe('-c "truncate -s 0 /var/log/x.log; kill -9 1"');
  });
});
