import { hash } from 'node:crypto';
import { eventBody, storedEventKind, summarizeEvent } from '@/lib/domain/event-summary';
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
  // One-shot hash: a Hash object per event cost as much as the hashing (npm run bench --profile).
  return hash('sha256', parts.join('\u0000'), 'base64url').slice(0, 22);
}

export function eventId(line: TetragonEventJson): string {
  const kind = storedEventKind(line);
  const body = eventBody(line);
  const notice = kind === 'rate_limit_info' || kind === 'test' || kind === 'unknown';
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
    // A notice has no process to tell it apart: its whole content does (Holocron's marks aside).
    notice ? JSON.stringify({ ...line, _holocron: undefined }) : '',
  ]);
}

/** A flow's uuid; a line without one (loss and node-status notices) gets a digest of its content. */
export function flowId(line: HubbleFlowJson, text: string): string {
  if (line.flow?.uuid) return line.flow.uuid;
  return `h-${digest([line._holocron ? JSON.stringify({ ...line, _holocron: undefined }) : text])}`;
}

export function flowRecord(line: HubbleFlowJson): FlowRecord {
  const json = JSON.stringify(line);
  return { summary: summarizeFlow(line, flowId(line, json)), json };
}

export function eventRecord(line: TetragonEventJson): EventRecord {
  return { summary: summarizeEvent(line, eventId(line)), json: JSON.stringify(line) };
}
