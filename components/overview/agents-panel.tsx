import { InertText } from '@/components/inert-text';
import { AgentNode, type AgentNodeInfo } from './agent-node';
import { AgentSelfReport, type AgentSelfRow } from './agent-self-report';
import { DiscoveryPanel, type DiscoveryRow } from './discovery-panel';

export interface AgentRow extends AgentNodeInfo, AgentSelfRow {
  endpoint: string;
  kind: string;
  state: string;
  lastError: string | null;
  received: number;
  malformed: number;
  undecoded?: number; // messages with fields or enum numbers this schema does not know (kept)
  upstreamLost: number;
  lagMs: number | null;
  gaps: { fromUs: number; toUs: number | null; resumed: boolean }[];
}

const STATE_COLOR: Record<string, string> = {
  connected: 'text-emerald-400',
  connecting: 'text-amber-300',
  backoff: 'text-red-400',
  stopped: 'text-slate-500',
  gone: 'text-slate-500', // left its DNS name: its open gap is counted under "gaps"
};

export function AgentsPanel({ agents, discovery = [] }: { agents: AgentRow[]; discovery?: DiscoveryRow[] }) {
  return (
    <section className="overflow-x-auto rounded border border-slate-800 bg-slate-900/60 p-3" data-testid="agents-panel">
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-400">Agents</h2>
      {agents.length === 0 && discovery.length === 0 ? (
        <p className="text-sm text-slate-400">No agents configured. Set HOLOCRON_AGENTS (tetragon://unix:///var/run/tetragon/tetragon.sock, tetragon+dns://NAME:54321, hubble://host:4245) or import NDJSON.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th>endpoint</th>
              <th>node</th>
              <th>state</th>
              <th className="text-right">received</th>
              <th className="text-right">lag</th>
              <th className="text-right">lost / gaps</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((a) => (
              <tr key={a.endpoint} className="border-t border-slate-800" data-testid="agent-row" data-state={a.state}>
                <td className="font-mono">{a.endpoint}</td>
                <td>
                  <AgentNode agent={a} />
                </td>
                <td className={STATE_COLOR[a.state] ?? ''} title={a.lastError ?? undefined}>
                  {a.state}
                  {a.lastError && a.state !== 'connected' ? (
                    <div className="text-xs text-slate-400 [overflow-wrap:anywhere]">
                      <InertText value={a.lastError} max={80} />
                    </div>
                  ) : null}
                </td>
                <td className="text-right tabular-nums">
                  {a.received.toLocaleString()}
                  {a.undecoded ? (
                    <div className="text-xs text-amber-300" data-testid="agent-undecoded" title="stored with the bytes of what this schema does not know (_holocron)">
                      {a.undecoded.toLocaleString()} with unknown fields
                    </div>
                  ) : null}
                </td>
                <td className="whitespace-nowrap pl-3 text-right tabular-nums">{a.lagMs === null ? '—' : `${(a.lagMs / 1000).toFixed(1)} s`}</td>
                <td className="text-right tabular-nums">
                  {a.upstreamLost.toLocaleString()} / {a.gaps.filter((g) => !g.resumed).length}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AgentSelfReport agents={agents} />
      <DiscoveryPanel discovery={discovery} />
    </section>
  );
}
