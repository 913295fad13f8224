/** Wall-clock time in the units the agent works in. */
export const nowMicros = (): number => Date.now() * 1000;
export const nowNanos = (): bigint => BigInt(Date.now()) * 1_000_000n;
