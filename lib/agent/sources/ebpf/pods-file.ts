import fs from 'node:fs';
import { z } from 'zod';
import type { EndpointJson, PodJson } from '@/lib/domain/wire-types';

/**
 * `--pods-file pods.json`: which network namespaces are pods, and their Kubernetes metadata.
 * There is no API server on a bare node, so whoever sets up the pods (a CNI hook, the live demo)
 * writes this file; the agent re-reads it when it changes. Everything else is the host.
 *
 *   [{ "netns": 4026532177 | "/run/netns/deathstar", "namespace": "default", "name": "deathstar-1",
 *      "labels": {"org": "empire"}, "workload": "deathstar", "workload_kind": "Deployment",
 *      "container": {"name": "deathstar", "id": "containerd://…", "image": "quay.io/…:v2.1"},
 *      "ip": "10.244.0.10" }]
 */
export const PodSpec = z.object({
  netns: z.union([z.number().int().positive(), z.string().min(1)]),
  namespace: z.string().min(1),
  name: z.string().min(1),
  uid: z.string().optional(),
  labels: z.record(z.string(), z.string()).default({}),
  workload: z.string().optional(),
  workload_kind: z.string().optional(),
  container: z
    .object({
      name: z.string().default(''),
      id: z.string().default(''),
      image: z.union([z.string(), z.object({ id: z.string().optional(), name: z.string().optional() })]).optional(),
      start_time: z.string().optional(),
    })
    .optional(),
  ip: z.string().optional(),
  endpoint_id: z.number().int().optional(),
  identity: z.number().int().optional(),
});
export type PodSpec = z.infer<typeof PodSpec>;
export const PodsFile = z.array(PodSpec);

export interface ResolvedPod {
  spec: PodSpec;
  netns: number | null;
  pod: PodJson;
  endpoint: EndpointJson;
  /** Container id without the runtime prefix, as Tetragon's `docker` field (15 characters). */
  docker: string;
}

export const HOST_ENDPOINT: EndpointJson = { identity: 1, labels: ['reserved:host'] };
export const WORLD_ENDPOINT: EndpointJson = { identity: 2, labels: ['reserved:world'] };

// A stable small number from a string, for endpoint ids and identities the file leaves out.
function hashNum(s: string, mod: number): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return 256 + (h % mod);
}

export function resolvePod(spec: PodSpec, netnsOf: (path: string) => number | null): ResolvedPod {
  const netns = typeof spec.netns === 'number' ? spec.netns : /^\d+$/.test(spec.netns) ? Number(spec.netns) : netnsOf(spec.netns);
  const c = spec.container;
  const image = typeof c?.image === 'string' ? { id: c.image, name: c.image } : c?.image;
  const rawId = c?.id ?? '';
  const containerId = rawId && !rawId.includes('://') ? `containerd://${rawId}` : rawId;
  const pod: PodJson = {
    namespace: spec.namespace,
    name: spec.name,
    ...(spec.uid ? { uid: spec.uid } : {}),
    ...(c
      ? { container: { id: containerId, name: c.name, ...(image ? { image } : {}), ...(c.start_time ? { start_time: c.start_time } : {}) } }
      : {}),
    pod_labels: { ...spec.labels },
    ...(spec.workload ? { workload: spec.workload } : {}),
    ...(spec.workload_kind ? { workload_kind: spec.workload_kind } : {}),
  };
  const labels = Object.entries(spec.labels).map(([k, v]) => `k8s:${k}=${v}`);
  labels.push(`k8s:io.kubernetes.pod.namespace=${spec.namespace}`);
  labels.sort();
  const kind = spec.workload_kind;
  const endpoint: EndpointJson = {
    ID: spec.endpoint_id ?? hashNum(`${spec.namespace}/${spec.name}`, 3000),
    identity: spec.identity ?? hashNum(labels.join(','), 60000),
    namespace: spec.namespace,
    labels,
    pod_name: spec.name,
    ...(spec.workload && kind && kind !== 'Pod' ? { workloads: [{ name: spec.workload, kind }] } : {}),
  };
  return { spec, netns, pod, endpoint, docker: containerId.replace(/^[a-z]+:\/\//, '').slice(0, 15) };
}

export function netnsInodeOf(p: string): number | null {
  try {
    return fs.statSync(p).ino;
  } catch {
    return null;
  }
}

/** Pods by network namespace and by IP; reloaded from the file when it changes. */
export class PodDirectory {
  private byNetns = new Map<number, ResolvedPod>();
  private byIp = new Map<string, ResolvedPod>();
  private stamp = '';
  private unresolved = false;

  constructor(
    private readonly file: string | null,
    private readonly log: (m: string) => void,
    private readonly netnsOf: (path: string) => number | null = netnsInodeOf,
  ) {
    this.reload();
  }

  static fromSpecs(specs: PodSpec[], netnsOf: (path: string) => number | null = netnsInodeOf): PodDirectory {
    const d = new PodDirectory(null, () => {}, netnsOf);
    d.load(specs);
    return d;
  }

  /** Re-reads the file if it changed (or if a named netns it lists did not exist yet). */
  reload(): void {
    if (!this.file) return;
    let stamp: string;
    try {
      const st = fs.statSync(this.file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch (e) {
      if (this.stamp !== 'missing') this.log(`pods file ${this.file}: ${(e as Error).message}; every process counts as the host`);
      this.stamp = 'missing';
      this.load([]);
      return;
    }
    if (stamp === this.stamp && !this.unresolved) return;
    this.stamp = stamp;
    let parsed;
    try {
      parsed = PodsFile.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch (e) {
      this.log(`pods file ${this.file} is not JSON (${(e as Error).message}); keeping the previous pods`);
      return;
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.log(`pods file ${this.file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}; keeping the previous pods`);
      return;
    }
    this.load(parsed.data);
  }

  private load(specs: PodSpec[]): void {
    const byNetns = new Map<number, ResolvedPod>();
    const byIp = new Map<string, ResolvedPod>();
    let unresolved = false;
    for (const spec of specs) {
      const r = resolvePod(spec, this.netnsOf);
      if (r.netns !== null) byNetns.set(r.netns, r);
      else unresolved = true;
      if (spec.ip) byIp.set(spec.ip, r);
    }
    this.byNetns = byNetns;
    this.byIp = byIp;
    this.unresolved = unresolved;
  }

  podOfNetns(netns: number): ResolvedPod | undefined {
    return this.byNetns.get(netns);
  }

  podOfIp(ip: string): ResolvedPod | undefined {
    return this.byIp.get(ip);
  }

  get size(): number {
    return this.byIp.size + this.byNetns.size;
  }
}
