import { describe, expect, it } from 'vitest';
import { decodeExecId } from '@/lib/domain/ancestry/exec-id';

describe('decodeExecId', () => {
  it('reads node, kernel start time and pid from a Tetragon exec_id', () => {
    // the curl of the WIRE.md example
    expect(decodeExecId('a2luZC13b3JrZXI6NDUzNDAwNzkxOTk4NTozMjQ2MA==')).toEqual({
      node: 'kind-worker',
      ktimeNs: '4534007919985',
      pid: 32460,
    });
  });

  it('answers null for ids that are not Tetragon-shaped', () => {
    expect(decodeExecId('not base64!')).toBeNull();
    expect(decodeExecId(btoa('just text'))).toBeNull();
    expect(decodeExecId('')).toBeNull();
  });
});
