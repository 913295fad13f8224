import type { EventSummary, FlowEndpointSummary, FlowSummary } from '../records';
import { compileRegex } from '@/lib/domain/regex/re2';
import type { ValueParser } from './kind-values';
import { guarded, isSet, regexOn, type Shown, type Where } from './stored-columns';

/**
 * The shape of one entry of the `q` kind registry (kinds.ts). An entry says, once, everything a
 * kind means: its value parser, and for each source it applies to, how the live matcher tests an
 * item, which stored columns the SQL of both stores tests, and what autocomplete counts. A source
 * spec's fields are required, so a kind cannot reach one backend and miss another.
 */
export type Side = 'src' | 'dst';

export interface SourceSpec<Item> {
  /**
   * `from:`/`to:` pick a side (the flow's endpoints, an event's socket addresses); `either` tests
   * both. Without it the spec is called with 'src' only and the direction is ignored. A kind
   * accepts `from:`/`to:` when one of its sources is sided.
   */
  sided?: true;
  /** The live matcher: a test of one item on one side, built once per term (regexes compile here). */
  test(value: string, side: Side): (item: Item) => boolean;
  /** The stored column(s) the term tests on that side (rendered per dialect by lib/server/store/sql). */
  where(side: Side): Where;
  /** What autocomplete counts on that side, or null when the values are not worth suggesting (ids). */
  shown: ((side: Side) => Shown) | null;
}

export interface FlowSpec extends SourceSpec<FlowSummary> {
  /**
   * The service map's group key (lib/server/store/sqlite/flow-map-key.ts) holds every column the
   * kind tests, so the per-minute rollup can answer it. 'lookup': the column has no index of its
   * own, so on the flows table SQLite tests it once per distinct key (`map_key IN (…)`) rather than
   * once per row; 'indexed': it has one (pod, namespace, address), so rows are tested directly.
   */
  groupKey?: 'lookup' | 'indexed';
}

export type EventSpec = SourceSpec<EventSummary>;

export interface KindEntry {
  help: string;
  parse: ValueParser;
  flows?: FlowSpec;
  events?: EventSpec;
}

/** A flow endpoint kind: the same test on flow.source or flow.destination, columns `src_*`/`dst_*`. */
export function endpointKind(
  test: (e: FlowEndpointSummary, value: string) => boolean,
  where: (side: Side) => Where,
  shown: (side: Side) => Shown,
  groupKey?: FlowSpec['groupKey'],
): FlowSpec {
  return {
    sided: true,
    test: (v, side) => (side === 'src' ? (f) => test(f.source, v) : (f) => test(f.destination, v)),
    where,
    shown,
    ...(groupKey ? { groupKey } : {}),
  };
}

/** A kind that compares one field with one column (`eq`), suggesting the column's values. */
export function fieldKind<Item>(field: (item: Item) => string, column: string): SourceSpec<Item> {
  return {
    test: (v) => (item) => field(item) === v,
    where: () => ({ op: 'eq', col: column }),
    shown: () => ({ op: 'text', col: column }),
  };
}

/**
 * An RE2 pattern (lib/domain/regex) on one field, compiled once per term. `onlyWhere`: items
 * without that field set never match (a path only where there is an HTTP method).
 */
export function regexKind<Item>(
  field: (item: Item) => string,
  column: string,
  onlyWhere?: { set: (item: Item) => boolean; col: string },
): SourceSpec<Item> {
  return {
    test: (v) => {
      const re = compileRegex(v);
      return onlyWhere ? (item) => onlyWhere.set(item) && re.test(field(item)) : (item) => re.test(field(item));
    },
    where: () => (onlyWhere ? guarded(isSet(onlyWhere.col), regexOn(column)) : regexOn(column)),
    shown: () => ({ op: 'text', col: column }),
  };
}
