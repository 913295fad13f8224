import fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { AgentEndpoint } from '@/lib/server/config/agent-endpoints';

/** One grpc-js client per agent endpoint, with TLS/mTLS when the endpoint asks for it. */
export function createAgentClient(endpoint: AgentEndpoint): grpc.Client {
  let creds = grpc.credentials.createInsecure();
  const options: grpc.ClientOptions = {
    // Agents stream for hours: keep the connection alive through idle periods and NATs.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
    // We reconnect ourselves with jittered backoff; grpc's own retries would hide gaps from us.
    'grpc.enable_retries': 0,
  };
  if (endpoint.tls) {
    const read = (file: string | null) => (file ? fs.readFileSync(file) : null);
    creds = grpc.credentials.createSsl(read(endpoint.tls.ca), read(endpoint.tls.key), read(endpoint.tls.cert));
    if (endpoint.tls.servername) {
      options['grpc.ssl_target_name_override'] = endpoint.tls.servername;
      options['grpc.default_authority'] = endpoint.tls.servername;
    }
  }
  return new grpc.Client(endpoint.target, creds, options);
}

export const identity = (b: Buffer): Buffer => b;
