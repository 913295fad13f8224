/**
 * Where to look for what a request caused on the receiving side: the server pod's processes
 * around the flow's time (the deathstar's handler spawned its shell 200 ms after the PUT).
 */
import { serverSide } from '@/lib/domain/correlation/flow-sides';
import type { FlowSummary } from '@/lib/domain/records';

export interface ProcessesWindow {
  namespace: string;
  pod: string;
  sinceMicros: number;
  untilMicros: number;
}

/** Null when the receiving side is not a pod (world, host). */
export function destinationProcessesWindow(flow: FlowSummary, ms: number): ProcessesWindow | null {
  const server = serverSide(flow);
  if (!server.pod) return null;
  const pad = Math.max(0, ms) * 1000;
  return { namespace: server.namespace, pod: server.pod, sinceMicros: flow.ts - pad, untilMicros: flow.ts + pad };
}
