import * as grpc from '@grpc/grpc-js';

/**
 * A stand-in for the node's Tetragon in relay tests: a real gRPC server on a unix socket that
 * records the request bytes each GetEvents call brings and lets the test write raw frames,
 * fail calls, or answer GetHealth with given bytes.
 */
export interface TetragonPeer {
  server: grpc.Server;
  requests: Buffer[];
  calls: grpc.ServerWritableStream<Buffer, Buffer>[];
  /** Writes to every open GetEvents call. */
  send(frame: Buffer): void;
  stop(): void;
}

const raw = (b: Buffer) => b;
const method = (name: string, responseStream: boolean) => ({
  path: `/tetragon.FineGuidanceSensors/${name}`,
  requestStream: false,
  responseStream,
  requestSerialize: raw,
  requestDeserialize: raw,
  responseSerialize: raw,
  responseDeserialize: raw,
});

export async function startTetragonPeer(target: string, health = Buffer.from([0x0a, 0x00])): Promise<TetragonPeer> {
  const server = new grpc.Server();
  const requests: Buffer[] = [];
  const calls: grpc.ServerWritableStream<Buffer, Buffer>[] = [];
  server.addService(
    { GetEvents: method('GetEvents', true), GetHealth: method('GetHealth', false) },
    {
      GetEvents: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        requests.push(call.request);
        calls.push(call);
        call.on('cancelled', () => calls.splice(calls.indexOf(call), 1));
      },
      GetHealth: (_call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => cb(null, health),
    },
  );
  await new Promise<number>((resolve, reject) => server.bindAsync(target, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return {
    server,
    requests,
    calls,
    send: (frame) => calls.forEach((c) => c.write(frame)),
    stop: () => server.forceShutdown(),
  };
}
