/** GET /api/pods/<ns>/<pod>/tree: declared beside the code that links it (lib/domain/timeline). */
export type { PodTreeJson, PodTreeMeta } from '@/lib/domain/timeline/pod-tree-json';
