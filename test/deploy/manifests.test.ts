import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentArgv, serverArgv } from '@/deploy/commands';
import { loadConfig } from '@/lib/server/config/config';
import { buildKustomization, DEPLOY_DIR, modelFor, readManifest, type K8sObject } from './manifests';

const VARIANTS = ['embedded', 'clickhouse'] as const;
const built = Object.fromEntries(VARIANTS.map((v) => [v, buildKustomization(path.join(DEPLOY_DIR, v))])) as Record<(typeof VARIANTS)[number], K8sObject[]>;
const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);
const workloads = (objs: K8sObject[]) => objs.filter((o) => WORKLOADS.has(o.kind));
const find = (objs: K8sObject[], kind: string, name: string) => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
};
const podSpec = (o: K8sObject) => o.spec.template.spec;
const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** The container's env as the server would see it, Secret references filled with what the example Secret holds. */
function envOf(container: { env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }> }): Record<string, string> {
  const secret = readManifest('secret.example.yaml')[0]!;
  const data = secret.stringData as Record<string, string>;
  const env: Record<string, string> = {};
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.secretKeyRef) {
      expect(e.valueFrom.secretKeyRef.name).toBe(secret.metadata.name);
      const v = data[e.valueFrom.secretKeyRef.key];
      if (v === undefined) throw new Error(`secret key ${e.valueFrom.secretKeyRef.key} is not in secret.example.yaml`);
      env[e.name] = v;
    }
  }
  return env;
}

describe('deploy/: Kubernetes manifests', () => {
  it.each(VARIANTS)('%s: every object validates against the Kubernetes API schema (kubernetes-models)', async (variant) => {
    const objs = [...built[variant], ...readManifest('secret.example.yaml')];
    expect(objs.length).toBeGreaterThan(8);
    for (const obj of objs) {
      const Model = await modelFor(obj);
      expect(() => new Model(obj).validate(), `${obj.kind} ${obj.metadata.name}`).not.toThrow();
      expect(obj.metadata.namespace ?? (obj.kind === 'Namespace' ? 'holocron' : null), `${obj.kind} ${obj.metadata.name}`).toBe('holocron');
    }
    // No two objects of one kind share a name (kubectl would apply the second over the first).
    const keys = objs.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('the validator refuses a broken object (so a pass means something)', async () => {
    const deployment = structuredClone(find(built.embedded, 'Deployment', 'holocron'));
    podSpec(deployment).containers[0].ports[0].containerPort = 'http';
    const Model = await modelFor(deployment);
    expect(() => new Model(deployment).validate()).toThrow(/containerPort must be integer/);
    const service = structuredClone(find(built.embedded, 'Service', 'holocron'));
    delete service.spec.ports[0].port;
    const ServiceModel = await modelFor(service);
    expect(() => new ServiceModel(service).validate()).toThrow(/port/);
  });

  it.each(VARIANTS)('%s: selectors select their pods, Services reach named ports, probes hit the app', (variant) => {
    const objs = built[variant];
    for (const w of workloads(objs)) {
      expect(matches(w.spec.selector.matchLabels, w.spec.template.metadata.labels), `${w.kind} ${w.metadata.name}`).toBe(true);
      for (const c of podSpec(w).containers) {
        const named = new Set((c.ports ?? []).map((p: { name: string }) => p.name));
        for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe'].map((k) => c[k]).filter(Boolean)) {
          const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
          expect(named.has(port), `${w.metadata.name}: probe port ${port}`).toBe(true);
        }
      }
    }
    for (const svc of objs.filter((o) => o.kind === 'Service')) {
      const pods = workloads(objs).filter((w) => matches(svc.spec.selector, w.spec.template.metadata.labels));
      expect(pods.length, `Service ${svc.metadata.name} selects nothing`).toBeGreaterThan(0);
      for (const port of svc.spec.ports) {
        for (const w of pods) {
          const names = podSpec(w).containers.flatMap((c: { ports?: Array<{ name: string }> }) => (c.ports ?? []).map((p) => p.name));
          expect(names, `Service ${svc.metadata.name} → ${w.metadata.name}`).toContain(port.targetPort);
        }
      }
    }
    // The web servers' probes are the app's operations endpoints, which exist and need no token.
    for (const w of workloads(objs).filter((x) => x.metadata.labels?.['app.kubernetes.io/name'] === 'holocron')) {
      const c = podSpec(w).containers[0];
      expect(c.livenessProbe.httpGet.path).toBe('/healthz');
      expect(c.startupProbe.httpGet.path).toBe('/healthz');
      expect(c.readinessProbe.httpGet.path).toBe('/readyz');
    }
    const root = path.resolve(DEPLOY_DIR, '..');
    expect(fs.existsSync(path.join(root, 'app/healthz/route.ts'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'app/readyz/route.ts'))).toBe(true);
    expect(fs.readFileSync(path.join(root, 'proxy.ts'), 'utf8')).toMatch(/PUBLIC_PATHS = new Set\(\[[^\]]*'\/healthz', '\/readyz'/);
  });

  it.each(VARIANTS)('%s: the server containers run the tested command with an environment the server accepts', (variant) => {
    const servers = workloads(built[variant]).filter((w) => w.metadata.labels?.['app.kubernetes.io/name'] === 'holocron');
    expect(servers.length).toBe(variant === 'embedded' ? 1 : 2);
    for (const w of servers) {
      const c = podSpec(w).containers[0];
      expect(c.command).toEqual(['node']);
      expect(c.args).toEqual(serverArgv('0.0.0.0', 3000));
      const env = envOf(c);
      const config = loadConfig(env); // throws, naming the variable, on anything it would refuse at start
      expect(config.port).toBe(c.ports.find((p: { name: string }) => p.name === 'http').containerPort);
      expect(config.metricsPort).toBe(c.ports.find((p: { name: string }) => p.name === 'metrics').containerPort);
      expect(env.HOLOCRON_HOST).toBe('0.0.0.0');
      // Only variables the server reads (a typo would be silently ignored by the server).
      const known = fs.readFileSync(path.resolve(DEPLOY_DIR, '../lib/server/config/config.ts'), 'utf8');
      for (const name of Object.keys(env)) expect(known.includes(`${name}:`) || name === 'PORT', name).toBe(true);
      if (variant === 'embedded') {
        // SQLite's file on the volume, one replica, replaced not rolled.
        const data = c.volumeMounts.find((m: { name: string }) => m.name === 'data');
        expect(path.dirname(config.dbFile)).toBe(data.mountPath);
        expect(podSpec(w).volumes.find((v: { name: string }) => v.name === 'data').persistentVolumeClaim.claimName).toBe('holocron-data');
        expect(w.spec.replicas).toBe(1);
        expect(w.spec.strategy.type).toBe('Recreate');
        expect(config.store).toBeNull();
      } else {
        expect(config.store).toMatch(/^clickhouse:\/\/[^@]+@clickhouse\.holocron\.svc\.cluster\.local:8123\/holocron$/);
      }
    }
    if (variant === 'clickhouse') {
      const roles = servers.map((w) => [loadConfig(envOf(podSpec(w).containers[0])).role, w.spec.replicas]);
      expect(roles).toEqual([
        ['ingest', 1],
        ['query', 3],
      ]);
    }
  });

  it('finds every node’s relay through the headless Service and Hubble Relay where Cilium installs it', () => {
    const objs = built.embedded;
    const ds = find(objs, 'DaemonSet', 'holocron-agent');
    const agent = podSpec(ds).containers[0];
    expect(agent.command).toEqual(['node']);
    expect(agent.args).toEqual(agentArgv(['--source', 'tetragon:unix:///var/run/tetragon/tetragon.sock', '--listen', '0.0.0.0:54321', '--node-name', '$(NODE_NAME)']));
    expect(agent.env).toContainEqual({ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } });
    const mount = agent.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/var/run/tetragon');
    expect(podSpec(ds).volumes.find((v: { name: string }) => v.name === mount.name).hostPath.path).toBe('/var/run/tetragon');
    const headless = find(objs, 'Service', 'holocron-agent');
    expect(headless.spec.clusterIP).toBe('None');
    const port = headless.spec.ports[0].port;
    const agents = envOf(podSpec(find(objs, 'Deployment', 'holocron')).containers[0]).HOLOCRON_AGENTS!.split(',');
    expect(agents).toEqual([`tetragon+dns://${headless.metadata.name}.${headless.metadata.namespace}.svc.cluster.local:${port}`, 'hubble://hubble-relay.kube-system.svc.cluster.local:80']);
  });

  it.each(VARIANTS)('%s: non-root where it can be, read-only root file systems, no capabilities, no API tokens, no RBAC', (variant) => {
    const objs = built[variant];
    expect(objs.filter((o) => /rbac\.authorization\.k8s\.io/.test(o.apiVersion))).toEqual([]);
    for (const w of workloads(objs)) {
      const spec = podSpec(w);
      expect(spec.automountServiceAccountToken, w.metadata.name).toBe(false);
      for (const c of spec.containers) {
        expect(c.securityContext.allowPrivilegeEscalation, `${w.metadata.name}/${c.name}`).toBe(false);
        expect(c.securityContext.capabilities.drop).toEqual(['ALL']);
        if (w.metadata.name !== 'clickhouse') expect(c.securityContext.readOnlyRootFilesystem, `${w.metadata.name}/${c.name}`).toBe(true);
        const runAsNonRoot = c.securityContext.runAsNonRoot ?? spec.securityContext?.runAsNonRoot;
        // The relay alone runs as uid 0: Tetragon's socket belongs to root.
        expect(runAsNonRoot, `${w.metadata.name}/${c.name}`).toBe(w.metadata.name !== 'holocron-agent');
      }
    }
  });

  it.each(VARIANTS)('%s: network policies admit the paths the app uses', (variant) => {
    const objs = built[variant];
    const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
    const server = find(policies, 'NetworkPolicy', 'holocron-server');
    const agentPolicy = find(policies, 'NetworkPolicy', 'holocron-agent');
    const egressPorts = server.spec.egress.flatMap((r: { ports: Array<{ port: number }> }) => r.ports.map((p) => p.port));
    expect(egressPorts).toEqual(expect.arrayContaining([54321, 4245, 53, 8123, 443]));
    expect(agentPolicy.spec.egress).toEqual([]);
    expect(agentPolicy.spec.ingress[0].ports[0].port).toBe(54321);
    // Every workload is covered by a policy.
    for (const w of workloads(objs)) {
      expect(policies.some((p) => matches(p.spec.podSelector.matchLabels, w.spec.template.metadata.labels)), w.metadata.name).toBe(true);
    }
  });
});
