import * as grpc from '@grpc/grpc-js';

/**
 * A test gRPC peer that speaks only method paths and raw frames: it streams the given GetEvents
 * and GetFlows responses (bytes made elsewhere) and keeps the streams open like a live agent.
 */
export interface StreamPeer {
  server: grpc.Server;
  port: number;
  stop(): void;
}

const raw = (b: Buffer) => b;
const method = (path: string) => ({ path, requestStream: false, responseStream: true, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw });

export function startStreamPeer(frames: { tetragon: Uint8Array[]; hubble: Uint8Array[] }): Promise<StreamPeer> {
  const server = new grpc.Server();
  const stream = (list: Uint8Array[]) => (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
    for (const f of list) call.write(Buffer.from(f));
  };
  server.addService({ GetEvents: method('/tetragon.FineGuidanceSensors/GetEvents') }, { GetEvents: stream(frames.tetragon) });
  server.addService({ GetFlows: method('/observer.Observer/GetFlows') }, { GetFlows: stream(frames.hubble) });
  return new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve({ server, port, stop: () => server.forceShutdown() }),
    ),
  );
}
