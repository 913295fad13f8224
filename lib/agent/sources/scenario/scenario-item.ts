import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';

/** One line the scenario emits, with its wall-clock time for ordering and pacing. */
export type ScenarioItem =
  | { timeNs: bigint; stream: 'tetragon'; json: TetragonEventJson }
  | { timeNs: bigint; stream: 'hubble'; json: HubbleFlowJson };
