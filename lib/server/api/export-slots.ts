import { sharedSingleton } from '../auth/access-token';
import { HttpError } from '../http/http-error';

/**
 * How many exports stream at once (HOLOCRON_MAX_EXPORTS). Each open export holds at most one
 * store batch and a few small chunks (export-stream.ts), so this bounds what exports can add to
 * the server's memory; one more is a 429 that names the limit, not a slower everything.
 */
export class ExportSlots {
  private open = 0;

  constructor(readonly limit: number) {}

  /** A release function (idempotent), or a 429 when every slot is taken. */
  acquire(): () => void {
    if (this.open >= this.limit) {
      throw new HttpError(429, `too many exports at once: ${this.open} are streaming, the limit is ${this.limit} (HOLOCRON_MAX_EXPORTS); try again when one finishes`, null, {
        headers: { 'retry-after': '5' },
      });
    }
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
    };
  }

  get inUse(): number {
    return this.open;
  }
}

export function exportSlots(limit: number): ExportSlots {
  return sharedSingleton(Symbol.for('holocron.exportSlots'), () => new ExportSlots(limit));
}
