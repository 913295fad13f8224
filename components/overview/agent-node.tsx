import { InertText } from '@/components/inert-text';

/** The node an agent watches, and, for a discovered one, the name it was found behind. */
export interface AgentNodeInfo {
  node: string | null;
  discovery: { via: string; name: string; address: string } | null;
}

export function AgentNode({ agent }: { agent: AgentNodeInfo }) {
  return (
    <div className="whitespace-nowrap pr-2" data-testid="agent-node">
      {agent.node ? <InertText value={agent.node} max={63} /> : <span className="text-slate-500">—</span>}
      {agent.discovery ? (
        // The name itself is listed once under the table; here only how the agent was found.
        <div className="text-xs text-slate-500" title={`found behind ${agent.discovery.name}`}>
          via {agent.discovery.via}
        </div>
      ) : null}
    </div>
  );
}
