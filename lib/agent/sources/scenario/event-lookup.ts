/**
 * Small readers over scenario output, for the tests and for callers that want to point at one
 * event (the demo's "start here" links): which oneof a Tetragon line holds and its process.
 */
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import { PROCESS_EVENT_KINDS, type ProcessEventKind, type ProcessJson, type TetragonEventJson } from '@/lib/domain/wire-types';

export type TetragonItem = Extract<ScenarioItem, { stream: 'tetragon' }>;
export type HubbleItem = Extract<ScenarioItem, { stream: 'hubble' }>;

export const isTetragon = (item: ScenarioItem): item is TetragonItem => item.stream === 'tetragon';
export const isHubble = (item: ScenarioItem): item is HubbleItem => item.stream === 'hubble';

/** The oneof members present on a line (exactly one on a well-formed line). */
export function eventKinds(json: TetragonEventJson): ProcessEventKind[] {
  return PROCESS_EVENT_KINDS.filter((k) => json[k] !== undefined);
}

interface WithProcess { process?: ProcessJson; parent?: ProcessJson }

/** The process event body of a line, whatever its kind. */
export function processEvent(json: TetragonEventJson): WithProcess | undefined {
  const kind = eventKinds(json)[0];
  return kind ? (json[kind] as WithProcess | undefined) : undefined;
}

/** process_exec lines, optionally only those whose binary matches. */
export function execs(items: ScenarioItem[], binary?: string): TetragonItem[] {
  return items.filter(isTetragon).filter((i) => i.json.process_exec && (!binary || i.json.process_exec.process?.binary === binary));
}

/** Decodes an exec_id into the node, kernel time and pid it was made from. */
export function decodeExecId(execId: string): { node: string; ktimeNs: bigint; pid: number } {
  const [node = '', ktime = '', pid = ''] = atob(execId).split(':');
  return { node, ktimeNs: BigInt(ktime), pid: Number(pid) };
}
