import { createHash } from 'node:crypto';
import { eventBody, eventKindOf } from '@/lib/domain/event-summary';
import { summarizeEvent } from '@/lib/domain/event-summary';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';

/**
 * Upstream JSON line → a storable record with a stable id. A flow is identified by its uuid. A
 * Tetragon event has no id, so one is derived from what makes it itself (kind, node, time,
 * exec_id, hook and arguments): the same event re-imported, replayed or re-sent after a
 * reconnect gets the same id and is stored once. SHA-256 so that crafted events cannot collide
 * on purpose with one they want to hide.
 */
function digest(parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);
}

export function eventId(line: TetragonEventJson): string {
  const kind = eventKindOf(line) ?? 'unknown';
  const body = eventBody(line);
  return digest([
    kind,
    line.node_name ?? '',
    line.time ?? '',
    body.process?.exec_id ?? '',
    body.function_name ?? body.event ?? '',
    body.policy_name ?? '',
    body.args ? JSON.stringify(body.args) : '',
    body.signal ?? '',
    String(body.status ?? ''),
  ]);
}

export function flowId(line: HubbleFlowJson, text: string): string {
  return line.flow?.uuid || `h-${digest([text])}`;
}

export function flowRecord(line: HubbleFlowJson): FlowRecord {
  const json = JSON.stringify(line);
  return { summary: summarizeFlow(line, flowId(line, json)), json };
}

export function eventRecord(line: TetragonEventJson): EventRecord {
  return { summary: summarizeEvent(line, eventId(line)), json: JSON.stringify(line) };
}
