import { badParam } from './http-error';
import { parseTimeParam } from './list-params';

/**
 * Parameters of the process endpoints, parsed in one place: a pod named in the path and the tree's
 * window and bound. Kubernetes names are DNS labels/subdomains; anything else is refused before it
 * reaches a query (it could never match a stored pod anyway).
 */
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function parsePodPath(namespace: string, pod: string): { namespace: string; pod: string } {
  if (!K8S_NAME.test(namespace) || namespace.length > 63) throw badParam('namespace', 'is not a Kubernetes namespace name');
  if (!K8S_NAME.test(pod)) throw badParam('pod', 'is not a Kubernetes pod name');
  return { namespace, pod };
}

export const TREE_MAX_LIMIT = 50_000;

export function parseTreeParams(search: URLSearchParams, defaultLimit: number): { sinceUs: number | null; untilUs: number | null; limit: number } {
  const sinceUs = parseTimeParam('since', search.get('since'));
  const untilUs = parseTimeParam('until', search.get('until'));
  if (sinceUs !== null && untilUs !== null && sinceUs > untilUs) throw badParam('since', 'is after until');
  const text = search.get('limit');
  let limit = defaultLimit;
  if (text !== null) {
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > TREE_MAX_LIMIT) {
      throw badParam('limit', `"${text.slice(0, 32)}" is not a whole number from 1 to ${TREE_MAX_LIMIT}`);
    }
    limit = Number(text);
  }
  return { sinceUs, untilUs, limit };
}
