import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as written in deploy/ (only the parts the checks read are typed). */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  [key: string]: unknown;
}

export const DEPLOY_DIR = path.resolve(__dirname, '..', '..', 'deploy');

function readYamlDocs(file: string): K8sObject[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
  return docs.map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as K8sObject;
  });
}

/**
 * What `kubectl apply -k DIR` applies. Our kustomizations only list resources (files and other
 * kustomization directories) — no patches, generators or transformers — so what they build is
 * exactly the listed files' documents; anything else in a kustomization is refused here rather
 * than silently skipped.
 */
export function buildKustomization(dir: string): K8sObject[] {
  const [k] = readYamlDocs(path.join(dir, 'kustomization.yaml')) as unknown as Array<{ apiVersion: string; kind: string; resources?: string[] }>;
  if (!k || k.kind !== 'Kustomization') throw new Error(`${dir}: not a Kustomization`);
  const extra = Object.keys(k).filter((key) => !['apiVersion', 'kind', 'resources'].includes(key));
  if (extra.length) throw new Error(`${dir}/kustomization.yaml: ${extra.join(', ')} is not understood by this test`);
  return (k.resources ?? []).flatMap((r) => {
    const p = path.join(dir, r);
    return fs.statSync(p).isDirectory() ? buildKustomization(p) : readYamlDocs(p);
  });
}

export function readManifest(file: string): K8sObject[] {
  return readYamlDocs(path.join(DEPLOY_DIR, file));
}

/** The class kubernetes-models has for an object's apiVersion/kind (it validates against the API's OpenAPI schema). */
export async function modelFor(obj: K8sObject): Promise<new (data: unknown) => { validate(): void }> {
  const module = (await import(`kubernetes-models/${obj.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = module[obj.kind];
  if (!Model) throw new Error(`kubernetes-models has no ${obj.apiVersion} ${obj.kind}`);
  return Model;
}
