/**
 * Next calls register() once per server process: start ingest, the store and the live fan-out
 * before the first request, and stop the process on a bad configuration.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First, so every request after this one carries its unforgeable peer address (login limits).
  (await import('./lib/server/auth/client-address')).installPeerStamp();
  const { startServer } = await import('./lib/server/start-server');
  await startServer();
}
