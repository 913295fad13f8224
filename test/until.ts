/** Polls `fn` until it holds; on timeout the error names what was awaited and, if given, the state then. */
export async function until(what: string, fn: () => boolean | Promise<boolean>, opts: { ms?: number; state?: () => unknown } = {}): Promise<void> {
  const end = Date.now() + (opts.ms ?? 20_000);
  while (Date.now() < end) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}${opts.state ? `: ${JSON.stringify(opts.state())}` : ''}`);
}
