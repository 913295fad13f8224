import type { AlertOccurrence, AlertStore, AlertWriteResult } from '../store/alert-store';
import { retryDelayMs, type BackoffPolicy } from './backoff-schedule';

/**
 * Stores a batch of alert occurrences, retrying until the store takes it: a busy or full disk,
 * a locked file or a ClickHouse restart are waits, not reasons to drop a detection. Only after
 * `maxAttempts` (about two minutes with the defaults) is the batch given up — the caller counts
 * every occurrence in it as lost, on /api/health. Occurrences are idempotent (ids derive from rule
 * and event), so a retry after a write that did land adds nothing twice.
 */
export interface AlertPersistenceOptions {
  backoff?: BackoffPolicy;
  maxAttempts?: number;
  onRetry?: (attempt: number, error: Error) => void;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_POLICY: BackoffPolicy = { baseMs: 250, maxMs: 15_000 };
const DEFAULT_ATTEMPTS = 14;

export async function recordAlertsUntilStored(
  store: Pick<AlertStore, 'recordAlerts'>,
  occurrences: AlertOccurrence[],
  windowUs: number,
  opts: AlertPersistenceOptions = {},
): Promise<AlertWriteResult> {
  const sleep = opts.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));
  const attempts = opts.maxAttempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.recordAlerts(occurrences, windowUs);
    } catch (e) {
      if (attempt >= attempts) throw e;
      opts.onRetry?.(attempt, e as Error);
      await sleep(retryDelayMs(attempt, opts.backoff ?? DEFAULT_POLICY));
    }
  }
}
