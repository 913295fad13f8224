import { describe, expect, it } from 'vitest';
import type { AlertOccurrence, AlertWriteResult } from '../store/alert-store';
import { recordAlertsUntilStored } from './alert-persistence';

const ok: AlertWriteResult = { created: [], repeated: [], duplicates: 0 };
const noSleep = async () => {};

describe('alert writes are retried until stored', () => {
  it('rides out a locked or full store and stores the batch once it answers', async () => {
    let calls = 0;
    const store = {
      recordAlerts: async () => {
        if (++calls < 4) throw Object.assign(new Error(calls % 2 ? 'database is locked' : 'database or disk is full'), { code: 'SQLITE_BUSY' });
        return ok;
      },
    };
    const retries: number[] = [];
    await expect(recordAlertsUntilStored(store, [] as AlertOccurrence[], 1, { sleep: noSleep, onRetry: (n) => retries.push(n) })).resolves.toBe(ok);
    expect(calls).toBe(4);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('gives up after the last attempt with the store’s error (the caller counts the loss)', async () => {
    let calls = 0;
    const store = {
      recordAlerts: async (): Promise<AlertWriteResult> => {
        calls++;
        throw new Error('database or disk is full');
      },
    };
    await expect(recordAlertsUntilStored(store, [], 1, { sleep: noSleep, maxAttempts: 5 })).rejects.toThrow('disk is full');
    expect(calls).toBe(5);
  });
});
