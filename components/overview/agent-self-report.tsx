import { InertText } from '@/components/inert-text';

/**
 * What each agent reports about itself (from /api/health's `agents[].self`): Tetragon's version,
 * health and tracing policies with their state; Hubble's server status and nodes. Every string
 * comes from the agent and is shown inert.
 */
type Json = Record<string, unknown>;

export interface AgentSelfRow {
  endpoint: string;
  kind: string;
  self?: {
    atUs: number | null;
    version: string | null;
    health: Json | null;
    policies: Json | null;
    serverStatus: Json | null;
    nodes: Json | null;
    notOffered: string[];
    errors: string[];
  };
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Json[]) : []);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const short = (v: unknown, prefix: string) => str(v).replace(prefix, '');

const GOOD = new Set(['HEALTH_STATUS_RUNNING', 'TP_STATE_ENABLED', 'NODE_CONNECTED']);
const tone = (state: string) => (GOOD.has(state) ? 'text-emerald-400' : state.includes('ERROR') || state.includes('UNAVAILABLE') || state.includes('GONE') ? 'text-red-400' : 'text-amber-300');

function TetragonSelf({ self }: { self: NonNullable<AgentSelfRow['self']> }) {
  const health = list(self.health?.health_status);
  const policies = list(self.policies?.policies);
  const total = typeof self.policies?.total === 'number' ? self.policies.total : policies.length;
  return (
    <>
      {health.map((h, i) => (
        <div key={i} data-testid="agent-health">
          health <span className={tone(str(h.status))}>{short(h.status, 'HEALTH_STATUS_')}</span>
          {h.details ? (
            <span className="text-slate-400">
              {' '}
              <InertText value={str(h.details)} max={80} />
            </span>
          ) : null}
        </div>
      ))}
      {self.policies ? (
        <div data-testid="agent-policies">
          <div className="text-slate-400">
            {total} tracing {total === 1 ? 'policy' : 'policies'}
            {total > policies.length ? ` (first ${policies.length})` : ''}
          </div>
          <ul className="ml-3">
            {policies.map((p, i) => (
              <li key={i} className="flex gap-2">
                <InertText value={str(p.name)} max={60} className="font-mono" />
                <span className={tone(str(p.state))}>{short(p.state ?? 'TP_STATE_UNKNOWN', 'TP_STATE_').toLowerCase()}</span>
                {p.mode ? <span className="text-slate-500">{short(p.mode, 'TP_MODE_').toLowerCase()}</span> : null}
                {p.namespace ? <InertText value={`ns ${str(p.namespace)}`} max={40} className="text-slate-500" /> : null}
                {p.error ? <InertText value={str(p.error)} max={80} className="text-red-400" /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function HubbleSelf({ self }: { self: NonNullable<AgentSelfRow['self']> }) {
  const s = self.serverStatus;
  const nodes = list(self.nodes?.nodes);
  return (
    <>
      {s ? (
        <div data-testid="agent-server-status" className="tabular-nums">
          flows {str(s.num_flows ?? '0')} / {str(s.max_flows ?? '0')} in buffer · {str(s.seen_flows ?? '0')} seen
          {typeof s.flows_rate === 'number' ? ` · ${s.flows_rate.toFixed(1)}/s` : ''}
          {s.num_connected_nodes !== undefined ? ` · ${str(s.num_connected_nodes)} nodes connected` : ''}
          {s.num_unavailable_nodes ? <span className="text-red-400"> · {str(s.num_unavailable_nodes)} unavailable</span> : null}
        </div>
      ) : null}
      {nodes.length ? (
        <ul className="ml-3" data-testid="agent-nodes">
          {nodes.map((n, i) => (
            <li key={i} className="flex gap-2">
              <InertText value={str(n.name)} max={60} className="font-mono" />
              <span className={tone(str(n.state))}>{short(n.state ?? 'UNKNOWN_NODE_STATE', 'NODE_').toLowerCase()}</span>
              {n.version ? <InertText value={str(n.version)} max={40} className="text-slate-500" /> : null}
              {n.num_flows !== undefined ? <span className="text-slate-500 tabular-nums">{str(n.num_flows)} flows</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function AgentSelfReport({ agents }: { agents: AgentSelfRow[] }) {
  const reporting = agents.filter((a) => a.self && a.self.atUs !== null);
  if (reporting.length === 0) return null;
  return (
    <div className="mt-3 space-y-2 text-xs" data-testid="agent-self-report">
      {reporting.map((a) => {
        const self = a.self!;
        return (
          <div key={a.endpoint} className="border-t border-slate-800 pt-2" data-endpoint={a.endpoint}>
            <div className="font-mono text-slate-300">
              {a.endpoint}
              {self.version ? (
                <span className="ml-2 text-slate-500">
                  <InertText value={self.version} max={40} />
                </span>
              ) : null}
            </div>
            {a.kind === 'tetragon' ? <TetragonSelf self={self} /> : <HubbleSelf self={self} />}
            {self.notOffered.length ? <div className="text-slate-500">not offered: {self.notOffered.join(', ')}</div> : null}
            {self.errors.map((e, i) => (
              <div key={i} className="text-red-400">
                <InertText value={e} max={120} />
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}
