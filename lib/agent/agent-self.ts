import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { JsonObject } from '@/lib/wire/to-protojson';

/**
 * What the agent tells about itself, the way Tetragon (GetHealth, ListTracingPolicies, GetVersion)
 * and Hubble (ServerStatus, GetNodes) do. Holocron's agent loads no tracing policies of its own:
 * it lists the policy names its source's hook events carry (each an enabled policy, with the
 * number of events it produced), and the nodes its events and flows come from.
 */
export const AGENT_VERSION = 'holocron-agent';

interface PolicySeen {
  events: number;
  hook: string; // kprobe, tracepoint, lsm, uprobe, usdt
}

const MAX_TRACKED = 256; // a source with hostile policy/node names must not grow memory

export class AgentSelf {
  private readonly policies = new Map<string, PolicySeen>();
  private readonly nodes = new Map<string, number>(); // node name → items seen
  readonly startedAtMs = Date.now();

  constructor(readonly source: string) {}

  observe(stream: 'tetragon' | 'hubble', json: TetragonEventJson | HubbleFlowJson): void {
    const node = stream === 'hubble' ? ((json as HubbleFlowJson).flow?.node_name ?? json.node_name) : json.node_name;
    if (node && (this.nodes.has(node) || this.nodes.size < MAX_TRACKED)) this.nodes.set(node, (this.nodes.get(node) ?? 0) + 1);
    if (stream !== 'tetragon') return;
    const e = json as TetragonEventJson;
    const hooked: [string, { policy_name?: string } | undefined][] = [
      ['kprobe', e.process_kprobe],
      ['tracepoint', e.process_tracepoint],
      ['lsm', e.process_lsm],
      ['uprobe', e.process_uprobe],
      ['usdt', e.process_usdt],
    ];
    for (const [hook, body] of hooked) {
      const name = body?.policy_name;
      if (!name) continue;
      const seen = this.policies.get(name);
      if (seen) seen.events++;
      else if (this.policies.size < MAX_TRACKED) this.policies.set(name, { events: 1, hook });
    }
  }

  /** tetragon.GetHealthStatusResponse */
  health(): JsonObject {
    return { health_status: [{ event: 'HEALTH_STATUS_TYPE_STATUS', status: 'HEALTH_STATUS_RUNNING', details: `source ${this.source} running` }] };
  }

  /** tetragon.ListTracingPoliciesResponse */
  tracingPolicies(): JsonObject {
    let id = 0;
    return {
      policies: [...this.policies].map(([name, p]) => ({
        id: String(++id),
        name,
        info: `${p.hook} events from ${this.source}`,
        sensors: [`generic_${p.hook}`],
        enabled: true,
        state: 'TP_STATE_ENABLED',
        mode: 'TP_MODE_MONITOR',
        stats: { action_counters: { post: String(p.events) } },
      })),
    };
  }

  /** observer.GetNodesResponse */
  nodeList(flows: { num: number; max: number; seen: number }): JsonObject {
    const uptimeNs = String(BigInt(Date.now() - this.startedAtMs) * 1_000_000n);
    return {
      nodes: [...this.nodes.keys()].map((name) => ({
        name,
        version: AGENT_VERSION,
        state: 'NODE_CONNECTED',
        uptime_ns: uptimeNs,
        num_flows: String(flows.num),
        max_flows: String(flows.max),
        seen_flows: String(flows.seen),
      })),
    };
  }
}
