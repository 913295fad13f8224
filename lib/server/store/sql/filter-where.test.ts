import { describe, expect, it } from 'vitest';
import { filterChip } from '@/lib/domain/query/filter-value';
import type { FlowSpec } from '@/lib/domain/query/kind-spec';
import { KIND_REGISTRY, KINDS, type EventKind, type FilterKind, type FlowKind } from '@/lib/domain/query/kinds';
import { parseQuery } from '@/lib/domain/query/parse';
import { CLICKHOUSE } from '../clickhouse/ch-dialect';
import { SQLITE } from '../sqlite/sqlite-dialect';
import type { ShownOps, WhereOps } from './dialect';
import { queryWhere } from './filter-where';
import { suggestColumns } from './suggest-sides';

/** A value each kind's parser accepts. */
const SAMPLE: Partial<Record<FilterKind, string>> = {
  ip: '10.0.0.0/8', port: '80', identity: '7', verdict: 'DROPPED', type: 'L7', protocol: 'TCP', direction: 'INGRESS',
  'tcp-flag': 'SYN', reply: 'true', 'http-status': '5+', 'event-type': 'exec', capability: 'SYS_ADMIN', pid: '1', uid: '0',
};

describe('the kind registry reaches both SQL dialects', () => {
  for (const source of ['flows', 'events'] as const) {
    for (const k of KINDS.filter((spec) => spec.sources.includes(source))) {
      it(`${source} ${k.name}: every direction, negated or not, renders in SQLite and ClickHouse`, () => {
        for (const dir of k.directional ? ['', 'from:', 'to:'] : ['']) {
          const q = parseQuery(`${dir}${k.name}=${SAMPLE[k.name] ?? 'x'} !${dir}${k.name}=${SAMPLE[k.name] ?? 'y'}`, source);
          const lite = queryWhere(SQLITE, q);
          // Every value is bound: as many parameters as placeholders, and no value in the text.
          expect(lite.params.length).toBe(lite.sql.split('?').length - 1);
          const chSql = queryWhere(CLICKHOUSE, q);
          expect(chSql.params).toEqual([]);
          expect(chSql.sql).toMatch(/^\(.+\) AND NOT \(.+\)$/s);
        }
        // Ids are the one kind autocomplete leaves out.
        const cols = suggestColumns(SQLITE, source, k.name, 'either');
        expect(cols === null).toBe(k.name === 'id');
      });
    }
  }
});

describe('type-level guarantees (checked by npx tsc --noEmit)', () => {
  it('a kind cannot miss a backend, a dialect cannot miss an operation', () => {
    const { dns: _dns, ...withoutDns } = SQLITE.where;
    // @ts-expect-error a dialect must render every stored-column operation of the kinds
    const partialWhere: WhereOps = withoutDns;
    const { 'event-kind': _ek, ...withoutEventKind } = CLICKHOUSE.shown;
    // @ts-expect-error … and every autocomplete expression
    const partialShown: ShownOps = withoutEventKind;
    // @ts-expect-error a flows spec must name the stored columns it tests (`where`), not only the live test
    const noColumns: FlowSpec = { test: () => () => true, shown: null };
    // @ts-expect-error kinds are a closed union derived from the registry
    const unknownKind: FilterKind = 'nope';
    // @ts-expect-error binary is an events kind only
    const notAFlowKind: FlowKind = 'binary';
    const both: FlowKind & EventKind = 'pod';
    // @ts-expect-error "filter by this value" in the tables and details names a registered kind
    const typo = filterChip('verdicts', 'DROPPED');
    // What the compiler refuses is really missing at run time, too.
    expect('dns' in partialWhere).toBe(false);
    expect('event-kind' in partialShown).toBe(false);
    expect('where' in noColumns).toBe(false);
    expect(Object.keys(KIND_REGISTRY)).not.toContain(unknownKind);
    expect(Object.keys(KIND_REGISTRY.binary)).not.toContain('flows');
    expect(notAFlowKind).toBe('binary');
    expect(Object.keys(KIND_REGISTRY[both])).toEqual(expect.arrayContaining(['flows', 'events']));
    expect(typo).toBeDefined();
  });
});
