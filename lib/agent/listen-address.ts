/**
 * How the agent names the address it bound: `host:port` with the port actually bound (for
 * `:0`), or the socket as given for `unix:` (grpc-js reports no port for those).
 */
export function boundAddress(listen: string, port: number): string {
  if (listen.startsWith('unix:')) return listen;
  return `${listen.replace(/:\d+$/, '')}:${port}`;
}
