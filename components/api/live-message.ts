import type { LiveMessageName, LiveMessages } from '@/lib/contract/stream';

/**
 * Listens for one kind of message on /api/stream, its data parsed and typed by the contract
 * (lib/contract/stream.ts; the server writes each frame with sseFrame from the same file).
 */
export function onLiveMessage<K extends LiveMessageName>(source: EventSource, name: K, handler: (data: LiveMessages[K]) => void): void {
  source.addEventListener(name, (e) => {
    // The one unchecked step, as in api-fetch.ts: the server's frames are compiled against the contract.
    handler(JSON.parse((e as MessageEvent<string>).data) as LiveMessages[K]);
  });
}
