import { parseArgs } from 'node:util';

/**
 * npm run bench -- [--events N] [--quick] [--only a,b] [--skip a,b] [--profile] [--keep] [--out FILE] [--scale N]
 *
 * --quick: a two-minute run (50,000 events unless --events says otherwise, shorter windows).
 * --profile: the hub runs with --cpu-prof; profiles land in bench/profiles/.
 * Sections: limit, ingest, rules, queries, server (API under load, flood memory, end-to-end,
 * browser), ebpf, clickhouse, scale (a store filled to --scale items, 10M; --quick 200k).
 */
export const SECTIONS = ['limit', 'ingest', 'rules', 'queries', 'server', 'browser', 'ebpf', 'clickhouse', 'scale'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  events: number;
  quick: boolean;
  profile: boolean;
  keep: boolean;
  out: string;
  sections: Set<Section>;
  /** Items the scale section fills its store to (queries timed at a tenth and at all of it). */
  scale: number;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      skip: { type: 'string' },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench/results.json' },
      scale: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(`usage: npm run bench -- [--events N] [--quick] [--only ${SECTIONS.join(',')}] [--skip …] [--profile] [--keep] [--out FILE] [--scale N]`);
    process.exit(0);
  }
  const events = values.events === undefined ? (values.quick ? 50_000 : 1_000_000) : Number(values.events.replace(/[_,]/g, ''));
  if (!Number.isInteger(events) || events < 10_000) throw new Error(`--events must be a whole number ≥ 10000, got "${values.events}"`);
  const list = (s: string | undefined, name: string): Section[] => {
    const items = (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    for (const i of items) if (!SECTIONS.includes(i as Section)) throw new Error(`--${name}: unknown section "${i}" (sections: ${SECTIONS.join(', ')})`);
    return items as Section[];
  };
  const only = list(values.only, 'only');
  const skip = new Set(list(values.skip, 'skip'));
  const sections = new Set((only.length ? only : SECTIONS).filter((s) => !skip.has(s)));
  const scale = values.scale === undefined ? (values.quick ? 200_000 : 10_000_000) : Number(values.scale.replace(/[_,]/g, ''));
  if (!Number.isInteger(scale) || scale < 100_000) throw new Error(`--scale must be a whole number ≥ 100000, got "${values.scale}"`);
  return { events, quick: values.quick, profile: values.profile, keep: values.keep, out: values.out, sections, scale };
}
