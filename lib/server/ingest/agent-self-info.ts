import * as grpc from '@grpc/grpc-js';
import { toProtoJson, type JsonObject } from '@/lib/wire/to-protojson';
import { SELF_REPORT_CALLS as SELF, wireTypes, type UnaryCall, type WireTypes } from '@/lib/wire/wire-root';
import { identity } from './grpc-client';

/**
 * What an agent reports about itself, where it offers it: Tetragon's GetHealth,
 * ListTracingPolicies and GetVersion; Hubble's ServerStatus and GetNodes. Asked at start, every
 * 15 s (a few small unary calls), and each time the stream (re)connects; each answer kept as the
 * upstream protojson (the last good one stays when the agent is away; the errors say so). A
 * method the agent does not implement is listed as not offered, not as a failure.
 */
export interface AgentSelfInfo {
  atUs: number | null; // when the last round of calls finished
  version: string | null; // tetragon GetVersion, or Hubble ServerStatus.version
  health: JsonObject | null; // tetragon.GetHealthStatusResponse
  policies: JsonObject | null; // tetragon.ListTracingPoliciesResponse
  serverStatus: JsonObject | null; // observer.ServerStatusResponse
  nodes: JsonObject | null; // observer.GetNodesResponse
  notOffered: string[]; // methods answered UNIMPLEMENTED
  errors: string[]; // the last round's other failures, "Method: message"
}

interface Call extends UnaryCall {
  name: string;
  store: (info: AgentSelfInfo, json: JsonObject) => void;
}

const MAX_POLICIES = 200; // a node with thousands of policies: the first ones, and the count says so

const TETRAGON_CALLS: Call[] = [
  { name: 'GetVersion', ...SELF.GetVersion, store: (i, j) => (i.version = typeof j.version === 'string' ? j.version : null) },
  { name: 'GetHealth', ...SELF.GetHealth, store: (i, j) => (i.health = j) },
  {
    name: 'ListTracingPolicies',
    ...SELF.ListTracingPolicies,
    store: (i, j) => {
      const all = Array.isArray(j.policies) ? j.policies : [];
      i.policies = all.length > MAX_POLICIES ? { policies: all.slice(0, MAX_POLICIES), total: all.length } : j;
    },
  },
];

const HUBBLE_CALLS: Call[] = [
  {
    name: 'ServerStatus',
    ...SELF.ServerStatus,
    store: (i, j) => {
      i.serverStatus = j;
      if (typeof j.version === 'string') i.version = j.version;
    },
  },
  { name: 'GetNodes', ...SELF.GetNodes, store: (i, j) => (i.nodes = j) },
];

const REFRESH_MS = 15_000;
const DEADLINE_MS = 5_000;

export function emptySelfInfo(): AgentSelfInfo {
  return { atUs: null, version: null, health: null, policies: null, serverStatus: null, nodes: null, notOffered: [], errors: [] };
}

export class SelfInfoPoller {
  readonly info: AgentSelfInfo = emptySelfInfo();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly client: grpc.Client,
    private readonly kind: 'tetragon' | 'hubble',
  ) {}

  /** Ask now, then every 15 s. */
  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  /** Stop asking (the stream stopped); the last answers stay, with their time. */
  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async refresh(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const errors: string[] = [];
    const notOffered: string[] = [];
    try {
      const w = wireTypes();
      const calls = this.kind === 'tetragon' ? TETRAGON_CALLS : HUBBLE_CALLS;
      await Promise.all(
        calls.map(async (c) => {
          try {
            c.store(this.info, await this.call(c, w));
          } catch (e) {
            const err = e as grpc.ServiceError;
            if (err.code === grpc.status.UNIMPLEMENTED) notOffered.push(c.name);
            else errors.push(`${c.name}: ${err.details || err.message}`);
          }
        }),
      );
    } finally {
      this.info.notOffered = notOffered;
      this.info.errors = errors;
      this.info.atUs = Date.now() * 1000;
      this.running = false;
    }
  }

  private call(c: Call, w: WireTypes): Promise<JsonObject> {
    const request = Buffer.from(c.request(w).encode({}).finish());
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest<Buffer, Buffer>(c.path, identity, identity, request, { deadline: Date.now() + DEADLINE_MS }, (err, res) => {
        if (err) return reject(err);
        try {
          const type = c.response(w);
          resolve(toProtoJson(type, type.decode(res ?? Buffer.alloc(0)) as unknown as Record<string, unknown>));
        } catch (e) {
          reject(e);
        }
      });
    });
  }
}
