import fs from 'node:fs';
import readline from 'node:readline';
import { RatePacer, type AgentSource, type SourceLine } from './source';

/**
 * `file:PATH`: replays an NDJSON capture of `tetra getevents -o json` and/or
 * `hubble observe -o json` lines as they are (times and ids kept, so a replay is recognised as
 * the same events). Lines that are not JSON objects of either kind are reported with their
 * number and skipped.
 */
export interface FileSourceOptions {
  path: string;
  rate: number | null;
  loop: boolean;
  log: (msg: string) => void;
}

/** Top-level keys only a Tetragon line has (besides its process_* members), and their lowerCamelCase. */
const TETRAGON_ONLY_KEYS = new Set(['rate_limit_info', 'rateLimitInfo', 'test', 'aggregation_info', 'aggregationInfo', 'cluster_name', 'clusterName', 'node_labels', 'nodeLabels']);
const HUBBLE_KEYS = new Set(['flow', 'lost_events', 'lostEvents', 'node_status', 'nodeStatus']);

export function classifyLine(obj: unknown): SourceLine | null {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return null;
  const o = obj as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.some((k) => HUBBLE_KEYS.has(k))) return { stream: 'hubble', json: o };
  if (keys.some((k) => /^process(_|[A-Z])/.test(k) || TETRAGON_ONLY_KEYS.has(k))) return { stream: 'tetragon', json: o };
  return null;
}

export function createFileSource(opts: FileSourceOptions): AgentSource {
  if (!fs.existsSync(opts.path)) throw new Error(`file source: ${opts.path} does not exist`);
  return {
    async run(emit, signal) {
      do {
        const pacer = opts.rate ? new RatePacer(opts.rate) : null;
        const rl = readline.createInterface({ input: fs.createReadStream(opts.path), crlfDelay: Infinity });
        let n = 0;
        for await (const text of rl) {
          n++;
          if (signal.aborted) break;
          if (!text.trim()) continue;
          let line: SourceLine | null = null;
          try {
            line = classifyLine(JSON.parse(text));
          } catch {
            /* reported below */
          }
          if (!line) {
            opts.log(`${opts.path}:${n}: not a Tetragon or Hubble JSON line, skipped`);
            continue;
          }
          emit(line);
          if (pacer) await pacer.tick(signal);
        }
        rl.close();
      } while (opts.loop && !signal.aborted);
    },
  };
}
