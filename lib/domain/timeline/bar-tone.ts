/**
 * How a process bar is coloured, from how it ended: killed by SIGKILL (red — the incident's
 * `kill -9 1`), another signal, a failing exit status, a clean exit, still running; host parents
 * and placeholders are drawn dimmed.
 */
import type { ProcessNode } from '@/lib/domain/ancestry/process-node';

export type BarTone = 'sigkill' | 'signal' | 'failed' | 'ok' | 'running' | 'host' | 'placeholder';

export function barTone(node: ProcessNode): BarTone {
  if (node.placeholder) return 'placeholder';
  if (node.isHost) return 'host';
  if (!node.exit) return 'running';
  if (node.exit.signal === 'SIGKILL') return 'sigkill';
  if (node.exit.signal) return 'signal';
  return node.exit.status ? 'failed' : 'ok';
}
