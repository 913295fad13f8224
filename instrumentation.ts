/**
 * Next calls register() once per server process: start ingest, the store and the live fan-out
 * before the first request, and stop the process on a bad configuration.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/server/start-server');
  await startServer();
}
