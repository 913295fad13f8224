import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { sleep, type AgentSource, type SourceLine } from '../source';
import { LineFramer, type BpfRecord } from './bpftrace-line';
import { startBpftrace, type BpftraceRun } from './bpftrace-process';
import { bpftraceScript } from './bpftrace-script';
import { EventTranslator } from './event-translator';
import { bootWallNs, clockTicksPerSecond, fileMode, hostIpSet, netnsOfPid, readCmdline, readCwd, readExe, readNsPid } from './host-info';
import { KernelClock } from './kernel-clock';
import { LineQueue } from './line-queue';
import { readNamespaces } from './namespaces';
import { PodDirectory } from './pods-file';
import { checkKernelSupport, ignoredDropReasonNumbers } from './preflight';
import { readProcEntry, readProcTable } from './proc-table';

/**
 * `--source ebpf`: real kernel events through bpftrace, served as Tetragon process events and
 * Hubble flows. Requires root, bpftrace and a BTF kernel (checked up front, with messages that
 * say what to do). If bpftrace dies it is restarted, and what may have been missed meanwhile is
 * announced upstream as rate_limit_info / lost_events; a flood is bounded by LineQueue.
 */
export interface EbpfSourceOptions {
  log: (msg: string) => void;
  /** Node name in exec_ids and events (default: the host name). */
  nodeName?: string;
  /** Pods file (see pods-file.ts); without it every process is the host's. */
  podsFile?: string | null;
  /** Path prefixes whose opens / truncations / unlinks are reported (default: DEFAULT_WATCH). */
  watchPrefixes?: readonly string[];
  /** TCP ports whose traffic is not reported (the agent's own gRPC port, Holocron's HTTP port). */
  ignorePorts?: readonly number[];
  bpftrace?: string;
}

export const DEFAULT_WATCH = [
  '/etc/shadow', '/etc/gshadow', '/etc/sudoers', '/etc/pam.d/', '/etc/pam.conf', '/etc/security/opasswd',
  '/root/.ssh/', '/var/log/',
];

export interface EbpfStats {
  bpftracePid: number | null;
  linesRead: number;
  records: number;
  emitted: { tetragon: number; hubble: number };
  /** Output lines not encoded because the queue was over its shedding mark. */
  shed: { tetragon: number; hubble: number };
  /** Events the kernel could not hand to bpftrace ("Lost N events"). */
  kernelLost: number;
  malformed: number;
  restarts: number;
  queueLength: number;
}

export interface EbpfSource extends AgentSource {
  readonly stats: EbpfStats;
  /** Resolves once bpftrace's probes are attached (for tests and the benchmark). */
  readonly attached: Promise<void>;
}

const DRAIN_BATCH = 2000;
const MAX_RESTART_DELAY_MS = 10_000;

export function createEbpfSource(opts: EbpfSourceOptions): EbpfSource {
  const kernel = checkKernelSupport({ bpftrace: opts.bpftrace, log: opts.log });
  const node = opts.nodeName || os.hostname();
  const stats: EbpfStats = {
    bpftracePid: null, linesRead: 0, records: 0, emitted: { tetragon: 0, hubble: 0 }, shed: { tetragon: 0, hubble: 0 },
    kernelLost: 0, malformed: 0, restarts: 0, queueLength: 0,
  };
  let markAttached: () => void = () => {};
  let attachFailed: (e: Error) => void = () => {};
  const attached = new Promise<void>((resolve, reject) => {
    markAttached = resolve;
    attachFailed = reject;
  });
  attached.catch(() => {}); // also reported by run(); only waiters of `attached` need it
  const clkTck = clockTicksPerSecond();

  return {
    stats,
    attached,
    async run(emit, signal) {
      const pods = new PodDirectory(opts.podsFile ?? null, opts.log);
      let hostIps = hostIpSet();
      const translator = new EventTranslator({
        node,
        clock: new KernelClock(),
        pods,
        hostNetns: netnsOfPid('self'),
        hostNs: readNamespaces('/proc', 1) ?? readNamespaces('/proc', 'self'),
        hostIps: () => hostIps,
        ignorePorts: new Set(opts.ignorePorts ?? []),
        dropReasonName: (r) => kernel.dropReasons.get(r) ?? `REASON_${r}`,
        bootWallNs: bootWallNs(),
        readProc: (pid) => readProcEntry('/proc', pid, clkTck),
        readCwd,
        readCmdline,
        readExe,
        readNsPid,
        fileMode,
      });
      const send = (line: SourceLine) => {
        stats.emitted[line.stream]++;
        emit(line);
      };
      const refresh = setInterval(() => {
        pods.reload();
        hostIps = hostIpSet();
      }, 2000);
      refresh.unref();

      const seedOut: SourceLine[] = [];
      const seeded = translator.seed(readProcTable('/proc', clkTck), seedOut);
      seedOut.forEach(send);
      opts.log(`announced ${seeded} running processes from /proc (flags procFS)`);

      const nonce = randomBytes(6).toString('hex');
      const script = bpftraceScript({
        nonce,
        watchPrefixes: opts.watchPrefixes ?? DEFAULT_WATCH,
        ignoredDropReasons: ignoredDropReasonNumbers(kernel.dropReasons),
        exitHasGroupDead: kernel.exitHasGroupDead,
        capsAreU64: kernel.capsAreU64,
      });

      let delay = 1000;
      try {
        for (let first = true; !signal.aborted; first = false) {
          const run = startBpftrace(kernel.bpftrace, script, opts.log);
          stats.bpftracePid = run.child.pid ?? null;
          const reader = consume(run, new LineFramer(nonce), translator, stats, send, opts.log);
          const onAbort = () => run.child.kill('SIGINT');
          signal.addEventListener('abort', onAbort, { once: true });
          try {
            await run.ready;
          } catch (e) {
            signal.removeEventListener('abort', onAbort);
            if (first) {
              attachFailed(e as Error);
              throw e; // nothing ever worked: say why and stop
            }
            opts.log(`${(e as Error).message}; retrying in ${delay / 1000} s`);
            await sleep(delay, signal);
            delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
            continue;
          }
          markAttached();
          if (!first) delay = 1000;
          const end = await run.exited;
          signal.removeEventListener('abort', onAbort);
          reader.stop();
          if (signal.aborted) break;
          stats.restarts++;
          opts.log(`bpftrace exited unexpectedly (${end.signal ?? `code ${end.code}`}${end.stderr ? `: ${end.stderr.trim().split('\n').slice(-1)[0]}` : ''}); restarting in ${delay / 1000} s`);
          await sleep(delay, signal);
          if (signal.aborted) break;
          // Processes that started while nothing was watching are announced from /proc; their
          // number is the least that was missed, and it goes upstream as a lost-events marker.
          const out: SourceLine[] = [];
          const missed = translator.seed(readProcTable('/proc', clkTck), out);
          out.forEach(send);
          const lostOut: SourceLine[] = [];
          translator.lost(missed, lostOut, 'PERF_EVENT_RING_BUFFER');
          lostOut.forEach(send);
          opts.log(`bpftrace was down: at least ${missed} process starts were missed (found in /proc and announced); network and file events of that gap are unknown`);
        }
      } finally {
        clearInterval(refresh);
      }
    },
  };
}

/** Reads one bpftrace run's stdout through the bounded queue into the translator. */
function consume(
  run: BpftraceRun,
  framer: LineFramer,
  translator: EventTranslator,
  stats: EbpfStats,
  send: (l: SourceLine) => void,
  log: (m: string) => void,
): { stop: () => void } {
  const queue = new LineQueue();
  const stdout = run.child.stdout;
  stdout.setEncoding('utf8');
  let scheduled = false;
  let paused = false;
  let flushTimer: NodeJS.Timeout | null = null;
  let shedT = 0;
  let shedH = 0;
  let reportedMalformed = 0;

  const handle = (recs: BpfRecord[], shedding: boolean) => {
    const out: SourceLine[] = [];
    for (const r of recs) {
      stats.records++;
      if (r.tag === 'lost') stats.kernelLost += r.count;
      translator.handle(r, out);
    }
    for (const line of out) {
      if (shedding && line.json && !('rate_limit_info' in line.json) && !('lost_events' in line.json)) {
        if (line.stream === 'tetragon') shedT++;
        else shedH++;
        stats.shed[line.stream]++;
        continue;
      }
      send(line);
    }
    if (!shedding && shedT + shedH > 0) {
      const notice: SourceLine[] = [];
      if (shedT) translator.lost(shedT, notice, 'OBSERVER_EVENTS_QUEUE', 'tetragon');
      if (shedH) translator.lost(shedH, notice, 'OBSERVER_EVENTS_QUEUE', 'hubble');
      log(`the agent fell behind: ${shedT} process events and ${shedH} flows were not sent (reported upstream)`);
      shedT = shedH = 0;
      notice.forEach(send);
    }
    if (framer.malformed > reportedMalformed) {
      if (reportedMalformed < 20) log(`skipped a malformed bpftrace line: ${framer.lastError}`);
      reportedMalformed = framer.malformed;
      stats.malformed = framer.malformed;
    }
  };

  const drain = () => {
    scheduled = false;
    const shedding = queue.shedding;
    const recs: BpfRecord[] = [];
    for (let i = 0; i < DRAIN_BATCH; i++) {
      const line = queue.shift();
      if (line === undefined) break;
      framer.push(line, recs);
    }
    handle(recs, shedding);
    stats.queueLength = queue.length;
    if (paused && queue.shouldResume) {
      paused = false;
      stdout.resume();
    }
    if (queue.length > 0) schedule();
    else {
      // The last record may still get continuation lines; complete it when output goes quiet.
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = setTimeout(() => {
        const rest: BpfRecord[] = [];
        framer.flush(rest);
        handle(rest, false);
      }, 20);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };

  stdout.on('data', (chunk: string) => {
    run.noticeStdout(chunk);
    const before = queue.length;
    queue.pushChunk(chunk);
    stats.linesRead += queue.length - before;
    if (flushTimer) {
      clearTimeout(flushTimer);
      flushTimer = null;
    }
    if (!paused && queue.shouldPause) {
      paused = true;
      stdout.pause();
    }
    schedule();
  });
  return {
    stop: () => {
      if (flushTimer) clearTimeout(flushTimer);
      const rest: BpfRecord[] = [];
      while (queue.length > 0) {
        const line = queue.shift();
        if (line !== undefined) framer.push(line, rest);
      }
      framer.flush(rest);
      handle(rest, false);
    },
  };
}
