import type { EventSummary, FlowSummary } from '../records';
import type { SourceSpec } from './kind-spec';
import { eventSpec, flowSpec } from './kinds';
import { groupTerms, type ParsedQuery, type QueryTerm } from './parse';

/**
 * In-memory evaluation of a parsed `q` (the live tail filters with it; the store uses SQL built
 * from the same registry entries, lib/server/store/sql). Each kind's test is its entry's in kinds.ts.
 */

type Test<T> = (item: T) => boolean;

function termTest<T>(spec: SourceSpec<T>, t: QueryTerm): Test<T> {
  if (!spec.sided || t.direction === 'from') return spec.test(t.value, 'src');
  if (t.direction === 'to') return spec.test(t.value, 'dst');
  const src = spec.test(t.value, 'src');
  const dst = spec.test(t.value, 'dst');
  return (item) => src(item) || dst(item);
}

function combine<T>(parsed: ParsedQuery, termTest: (t: QueryTerm) => Test<T>): Test<T> {
  const { anyOf, none } = groupTerms(parsed);
  const groups = anyOf.map((g) => g.map(termTest));
  const excluded = none.map(termTest);
  return (item) => groups.every((g) => g.some((test) => test(item))) && !excluded.some((test) => test(item));
}

export function compileFlowMatcher(parsed: ParsedQuery): Test<FlowSummary> {
  return combine(parsed, (t) => termTest(flowSpec(t.kind), t));
}

export function compileEventMatcher(parsed: ParsedQuery): Test<EventSummary> {
  return combine(parsed, (t) => termTest(eventSpec(t.kind), t));
}
