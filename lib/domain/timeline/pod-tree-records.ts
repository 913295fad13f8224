/**
 * The records of the tree API (`GET /api/pods/<ns>/<pod>/tree`): positional JSON arrays, one per
 * event, holding only what building the forest reads (process-event.ts). SQLite writes the
 * exec/exit records itself from stored columns (store/sqlite/process-tree-index.ts keeps them in
 * an index, in exactly this layout), so the server never parses the ~20,000 events of a
 * 10,000-process pod; the browser links them.
 *
 * A process description, shared by the three layouts (9 fields):
 *   execId, parentExecId, pid, uid, binary, args (cut: cutArgs), argsTruncated (0/1), cwd, startTime
 */
import { embeddedIn, exitOf, type EmbeddedProcess, type ProcessEvent } from '@/lib/domain/ancestry/process-event';
import type { ProcessInfo } from '@/lib/domain/ancestry/process-info';
import { isMarkerKind, markerLabel } from '@/lib/domain/ancestry/process-marker';
import type { PodRef } from '@/lib/domain/ancestry/process-node';
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import type { EventSummary } from '@/lib/domain/records';

/** Arguments are cut to this many characters (the timeline shows 300; the exec event in the inspector has all). */
export const ARGS_MAX = 1024;

/**
 * SQLite's cut, mirrored exactly (process-tree-index.ts): arguments of more than ARGS_MAX bytes
 * of UTF-8 keep their first ARGS_MAX code points — and end at a NUL before that, as SQLite's
 * substr() does; real argv never holds one, hostile input may.
 */
export function cutArgs(args: string): [string, 0 | 1] {
  if (args.length <= ARGS_MAX / 3 || utf8Length(args) <= ARGS_MAX) return [args, 0];
  let out = '';
  let points = 0;
  for (const ch of args) {
    if (points === ARGS_MAX || ch === '\u0000') break;
    out += ch;
    points++;
  }
  return out === args ? [args, 0] : [out, 1];
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // other BMP characters, and lone surrogates (stored as U+FFFD)
  }
  return n;
}

type Description = [execId: string, parentExecId: string, pid: number, uid: number | null, binary: string, args: string, argsTruncated: 0 | 1, cwd: string, startTime: string];

/** process_exec / process_exit: the event, how it ended (exits), then its process. */
export type ExecExitRecord = [id: string, ts: number, isExit: 0 | 1, procFs: 0 | 1, status: number | null, signal: string, ...Description];

/** A marker (kprobe …): the process is described on its first marker in the answer, later ones name only its exec_id. */
export type MarkerRecord = [id: string, ts: number, kind: string, label: string, ...(Description | [execId: string])];

/** A process known only as another's parent or ancestor; `pod` "" for host processes (containerd-shim). */
export type EmbeddedRecord = [embeddedIn: string, podNamespace: string, pod: string, ...Description];

function describe(p: Pick<ProcessInfo, 'execId' | 'parentExecId' | 'pid' | 'uid' | 'binary' | 'args' | 'cwd' | 'startTime'>): Description {
  const [args, cut] = cutArgs(p.args);
  return [p.execId, p.parentExecId, p.pid, p.uid, p.binary, args, cut, p.cwd, p.startTime];
}

/** What SQLite's index expression computes, for stores that build the records from the JSON. */
export function execExitRecord(s: EventSummary): ExecExitRecord {
  const isExit = s.kind === 'process_exit';
  return [s.id, s.ts, isExit ? 1 : 0, s.procFs ? 1 : 0, isExit ? s.status : null, isExit ? s.signal : '', ...describe(s)];
}

export function markerRecord(s: EventSummary, label: string, describeProcess: boolean): MarkerRecord {
  return describeProcess ? [s.id, s.ts, s.kind, label, ...describe(s)] : [s.id, s.ts, s.kind, label, s.execId];
}

export function embeddedRecord(e: EmbeddedProcess): EmbeddedRecord {
  return [e.embeddedIn, e.process.pod?.namespace ?? '', e.process.pod?.name ?? '', ...describe(e.process)];
}

/**
 * The pod's events other than exec/exit, oldest first. Every one is sent (a kprobe may be all
 * that is known of a process) but only marker kinds get a label, and each process is described
 * on its first one only.
 */
export function markerRecords(ticks: readonly StoredEvent[]): MarkerRecord[] {
  const described = new Set<string>();
  return ticks.map((t) => {
    const first = !described.has(t.execId);
    described.add(t.execId);
    return markerRecord(t, isMarkerKind(t.kind) ? markerLabel(t) : '', first);
  });
}

/**
 * What these events embed, once per process (the first description; later ones of the same
 * process only ever repeat it). An event without exec_id cannot be placed, nor what it embeds.
 */
export function embeddedRecords(carriers: readonly StoredEvent[]): EmbeddedRecord[] {
  const seen = new Set<string>();
  const out: EmbeddedRecord[] = [];
  for (const ev of carriers) {
    if (!ev.execId) continue;
    for (const e of embeddedIn(ev)) {
      const id = e.process.execId;
      if (!id || id === e.embeddedIn || seen.has(id)) continue;
      seen.add(id);
      out.push(embeddedRecord(e));
    }
  }
  return out;
}

// Decoding: the answer comes from our own server, but a record that is not what it should be
// must not throw halfway through 20,000 of them — each field falls back to its empty value.
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function infoAt(r: readonly unknown[], at: number, pod: PodRef | null): ProcessInfo {
  return {
    execId: str(r[at]),
    parentExecId: str(r[at + 1]),
    pid: num(r[at + 2]),
    uid: numOrNull(r[at + 3]),
    binary: str(r[at + 4]),
    args: str(r[at + 5]),
    argsTruncated: r[at + 6] === 1,
    cwd: str(r[at + 7]),
    startTime: str(r[at + 8]),
    pod,
  };
}

/** `pod` is the pod asked for: every exec, exit and marker of the answer is one of its events. */
export function decodeExecExit(r: readonly unknown[], pod: PodRef): ProcessEvent {
  const isExit = r[2] === 1;
  return {
    id: str(r[0]),
    ts: num(r[1]),
    kind: isExit ? 'process_exit' : 'process_exec',
    process: infoAt(r, 6, pod),
    exit: isExit ? exitOf(str(r[5]), numOrNull(r[4])) : null,
    label: '',
  };
}

export function isProcFsExec(r: readonly unknown[]): boolean {
  return r[2] !== 1 && r[3] === 1;
}

export function decodeMarker(r: readonly unknown[], pod: PodRef): ProcessEvent {
  const process = r.length > 5 ? infoAt(r, 4, pod) : { ...infoAt([], 0, pod), execId: str(r[4]) };
  return { id: str(r[0]), ts: num(r[1]), kind: str(r[2]), process, exit: null, label: str(r[3]) };
}

export function decodeEmbedded(r: readonly unknown[]): EmbeddedProcess {
  const pod = str(r[2]) ? { namespace: str(r[1]), name: str(r[2]) } : null;
  return { embeddedIn: str(r[0]), process: infoAt(r, 3, pod) };
}
