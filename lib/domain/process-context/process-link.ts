/**
 * A process as a link target: enough to print "curl -s -XPUT … in default/tiefighter" and to link
 * to its exec event and its pod's timeline. The ancestry chain on /events/<id> and the flow →
 * process correlation answer lists of these.
 */
import type { PodRef, ProcessNode } from '@/lib/domain/ancestry/process-node';
import { SELECTION_PARAM } from '@/lib/domain/selection-param';

export interface ProcessLink {
  execId: string;
  pid: number;
  binary: string;
  args: string;
  startTime: string;
  pod: PodRef | null;
  /** A node-level process (containerd-shim): no pod. */
  isHost: boolean;
  /** Reported as a parent but never described by any stored event. */
  placeholder: boolean;
  /** The stored process_exec, when there is one to open. */
  execEventId: string | null;
  exit: ProcessNode['exit'];
}

export function processLink(node: ProcessNode): ProcessLink {
  return {
    execId: node.execId,
    pid: node.pid,
    binary: node.binary,
    args: node.args,
    startTime: node.startTime,
    pod: node.pod,
    isHost: node.isHost,
    placeholder: node.placeholder,
    execEventId: node.execEventId,
    exit: node.exit,
  };
}

/** "/pods/default/tiefighter?sel=…": the pod timeline with this process selected. */
export function podTimelineHref(pod: PodRef, execId?: string): string {
  const base = `/pods/${encodeURIComponent(pod.namespace)}/${encodeURIComponent(pod.name)}`;
  return execId ? `${base}?${SELECTION_PARAM}=${encodeURIComponent(execId)}` : base;
}

export function eventHref(id: string): string {
  return `/events/${encodeURIComponent(id)}`;
}

export function flowHref(uuid: string): string {
  return `/flows/${encodeURIComponent(uuid)}`;
}
