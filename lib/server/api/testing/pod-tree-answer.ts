import type { PodTreeJson } from '@/lib/domain/timeline/pod-tree-json';
import type { ProcessEventStore } from '../../store/store';
import { podTree, type PodTreeQuery } from '../pod-tree';

/** The tree API's answer as the browser receives it: podTree's chunks, joined and parsed (tests). */
export async function podTreeAnswer(store: ProcessEventStore, q: PodTreeQuery): Promise<PodTreeJson> {
  return JSON.parse(Buffer.concat(await podTree(store, q)).toString('utf8')) as PodTreeJson;
}
