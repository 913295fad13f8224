import type { ProcessNode } from '@/lib/domain/ancestry/process-node';

/** The text at the end of a process bar: "exit 0", "exit 7", "SIGKILL", or "running" when no exit was seen. */
export function barLabel(node: ProcessNode): string {
  if (node.placeholder) return '';
  if (!node.exit) return 'running';
  if (node.exit.signal) return node.exit.signal;
  return `exit ${node.exit.status ?? 0}`;
}
