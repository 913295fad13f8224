/** container.* and k8s.* fields, from the process's `pod` (or `docker`) as Tetragon reports it. */

import type { ProcessJson } from '@/lib/domain/wire-types';
import type { FieldDef } from './field-types';

/** "containerd://0ed7f0a2f9f4…" → "0ed7f0a2f9f4…": the runtime prefix is not part of the id. */
function fullContainerId(p: ProcessJson | undefined): string | undefined {
  const id = p?.pod?.container?.id;
  if (id) {
    const scheme = id.indexOf('://');
    return scheme < 0 ? id : id.slice(scheme + 3);
  }
  return p?.docker || undefined;
}

/** Image reference without digest and tag: quay.io/cilium/starwars:v2.1 → quay.io/cilium/starwars. */
function splitImage(image: string): { repository: string; tag: string | undefined } {
  const at = image.indexOf('@');
  const withoutDigest = at < 0 ? image : image.slice(0, at);
  const colon = withoutDigest.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port (localhost:5000/app), not a tag.
  if (colon < 0 || colon < withoutDigest.lastIndexOf('/')) return { repository: withoutDigest, tag: undefined };
  return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
}

export const CONTAINER_FIELDS: FieldDef[] = [
  {
    name: 'container.id',
    type: 'string',
    get: (v) => fullContainerId(v.process)?.slice(0, 12) ?? (v.process ? 'host' : undefined),
    doc: 'First 12 characters of pod.container.id without the runtime prefix (or of `docker`); "host" for a process outside containers',
  },
  {
    name: 'container.full_id',
    type: 'string',
    get: (v) => fullContainerId(v.process) ?? (v.process ? 'host' : undefined),
    doc: 'The whole container id without the runtime prefix; "host" outside containers',
  },
  {
    name: 'container.name',
    type: 'string',
    get: (v) => v.process?.pod?.container?.name ?? (v.process && !fullContainerId(v.process) ? 'host' : undefined),
    doc: 'pod.container.name; "host" outside containers',
  },
  { name: 'container.image', type: 'string', get: (v) => v.process?.pod?.container?.image?.name, doc: 'Image name (pod.container.image.name), e.g. quay.io/cilium/starwars:v2.1' },
  {
    name: 'container.image.repository',
    type: 'string',
    get: (v) => {
      const image = v.process?.pod?.container?.image?.name;
      return image === undefined ? undefined : splitImage(image).repository;
    },
    doc: 'Image name without tag or digest, e.g. quay.io/cilium/starwars',
  },
  {
    name: 'container.image.tag',
    type: 'string',
    get: (v) => {
      const image = v.process?.pod?.container?.image?.name;
      return image === undefined ? undefined : splitImage(image).tag;
    },
    doc: 'Image tag, e.g. v2.1',
  },
  {
    name: 'container.image.digest',
    type: 'string',
    get: (v) => {
      const image = v.process?.pod?.container?.image;
      const ref = [image?.name, image?.id].find((x) => x?.includes('@sha256:'));
      return ref ? ref.slice(ref.indexOf('@') + 1) : undefined;
    },
    doc: 'The sha256:… digest of the image name or image id, when either carries one',
  },
  {
    name: 'container.type',
    type: 'string',
    get: (v) => {
      const id = v.process?.pod?.container?.id;
      if (id) {
        const scheme = id.indexOf('://');
        return scheme < 0 ? undefined : id.slice(0, scheme);
      }
      return v.process?.docker ? 'docker' : undefined;
    },
    doc: 'The runtime prefix of pod.container.id (containerd, cri-o, docker); docker when only `docker` is set',
  },
  { name: 'container.image.id', type: 'string', get: (v) => v.process?.pod?.container?.image?.id, doc: 'Image id (pod.container.image.id), usually with its digest' },
  {
    name: 'container.privileged',
    type: 'bool',
    get: (v) => {
      const container = v.process?.pod?.container;
      return container ? (container.security_context?.privileged ?? false) : undefined;
    },
    doc: 'pod.container.security_context.privileged (false when omitted); absent outside pods',
  },
  {
    name: 'container.exec_probe',
    type: 'bool',
    get: (v) => {
      const container = v.process?.pod?.container;
      return container ? (container.maybe_exec_probe ?? false) : undefined;
    },
    doc: 'pod.container.maybe_exec_probe: Tetragon thinks this exec is a Kubernetes exec probe',
  },
  { name: 'k8s.ns.name', type: 'string', get: (v) => v.process?.pod?.namespace, doc: 'Pod namespace (pod.namespace); absent for host processes' },
  { name: 'k8s.pod.name', type: 'string', get: (v) => v.process?.pod?.name, doc: 'Pod name (pod.name)' },
  { name: 'k8s.pod.uid', type: 'string', get: (v) => v.process?.pod?.uid, doc: 'Pod uid (pod.uid)' },
  { name: 'k8s.pod.id', type: 'string', get: (v) => v.process?.pod?.uid, doc: 'Falco\'s legacy name for k8s.pod.uid' },
  {
    name: 'k8s.deployment.name',
    type: 'string',
    get: (v) => (v.process?.pod?.workload_kind === 'Deployment' ? v.process.pod.workload : undefined),
    doc: 'pod.workload when pod.workload_kind is Deployment',
  },
  {
    name: 'k8s.pod.label',
    type: 'string',
    arg: {
      kind: 'key',
      type: 'string',
      // hasOwn: a label key such as "constructor" must not reach Object.prototype.
      get: (v, key) => {
        const labels = v.process?.pod?.pod_labels;
        return labels && Object.hasOwn(labels, key) ? labels[String(key)] : undefined;
      },
    },
    doc: 'k8s.pod.label[KEY] or k8s.pod.label.KEY: value of one pod label (pod.pod_labels)',
  },
  {
    name: 'k8s.pod.labels',
    type: 'string',
    list: true,
    get: (v) => {
      const labels = v.process?.pod?.pod_labels;
      return labels ? Object.entries(labels).map(([k, val]) => `${k}:${val}`) : undefined;
    },
    doc: 'All pod labels as "key:value" strings',
  },
  { name: 'k8s.workload.name', type: 'string', get: (v) => v.process?.pod?.workload, doc: 'Owning workload (pod.workload), e.g. deathstar' },
  { name: 'k8s.workload.kind', type: 'string', get: (v) => v.process?.pod?.workload_kind, doc: 'Workload kind (pod.workload_kind), e.g. Deployment' },
];
