import type { AgentSource, SourceLine } from './source';

/**
 * `--node-name NAME` with a scenario or file source: every line says it comes from NAME, so
 * several agents on one machine play several nodes (give each its own --seed so their process
 * ids differ). Pre-encoded flood lines are sent as they are.
 */
function renamed(line: SourceLine, node: string): SourceLine {
  if (line.encoded) return line;
  if (line.stream === 'tetragon') return { stream: 'tetragon', json: { ...line.json, node_name: node } };
  const flow = line.json.flow ? { ...line.json.flow, node_name: node } : undefined;
  return { stream: 'hubble', json: { ...line.json, node_name: node, ...(flow ? { flow } : {}) } };
}

export function withNodeName(source: AgentSource, node: string): AgentSource {
  return { run: (emit, signal) => source.run((line) => emit(renamed(line, node)), signal) };
}
