import { describe, expect, it } from 'vitest';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { compileFlowsRequest } from './hubble-filter';
import { compileEventsRequest } from './tetragon-filter';

const items = deathStarScenario({ baseNs: 1_795_000_000_000_000_000n });
const events = items.filter((i) => i.stream === 'tetragon').map((i) => i.json as TetragonEventJson);
const flows = items.filter((i) => i.stream === 'hubble').map((i) => i.json as HubbleFlowJson);
const proc = (e: TetragonEventJson) => (e.process_exec ?? e.process_exit ?? e.process_kprobe)?.process;

describe('GetEvents allow/deny lists', () => {
  it('passes everything without lists', () => {
    expect(events.filter(compileEventsRequest({}))).toHaveLength(events.length);
  });

  it('ANDs fields inside a filter and ORs filters in a list', () => {
    const test = compileEventsRequest({
      allow_list: [
        { event_set: ['PROCESS_EXEC'], pod_regex: ['^tiefighter$'] },
        { binary_regex: ['kill$'] },
      ],
    });
    const passed = events.filter(test);
    expect(passed.length).toBeGreaterThan(0);
    for (const e of passed) {
      const p = proc(e)!;
      expect((e.process_exec && p.pod?.name === 'tiefighter') || p.binary?.endsWith('kill')).toBe(true);
    }
    expect(passed.some((e) => e.process_exit?.process?.binary === '/usr/bin/kill')).toBe(true);
  });

  it('removes what the deny list matches, including host processes by namespace ""', () => {
    const test = compileEventsRequest({ deny_list: [{ namespace: [''] }, { event_set: ['PROCESS_KPROBE'] }] });
    const passed = events.filter(test);
    expect(passed.every((e) => !e.process_kprobe && proc(e)?.pod?.namespace)).toBe(true);
    expect(passed.length).toBeGreaterThan(0);
  });

  it('matches arguments, parent binaries and labels', () => {
    expect(events.filter(compileEventsRequest({ allow_list: [{ arguments_regex: ['^-9 1$'] }] })).every((e) => proc(e)?.binary === '/usr/bin/kill')).toBe(true);
    const children = events.filter(compileEventsRequest({ allow_list: [{ parent_binary_regex: ['deathstar$'], event_set: ['PROCESS_EXEC'] }] }));
    expect(children.map((e) => e.process_exec?.process?.binary)).toContain('/bin/sh');
    const alliance = events.filter(compileEventsRequest({ allow_list: [{ labels: ['org=alliance'] }] }));
    expect(alliance.length).toBeGreaterThan(0);
    expect(alliance.every((e) => proc(e)?.pod?.name === 'xwing')).toBe(true);
  });
});

describe('GetFlows white/blacklists', () => {
  it('selects by source pod prefix, verdict and http path', () => {
    const put = flows.filter(compileFlowsRequest({ whitelist: [{ source_pod: ['default/tie'], http_path: ['exhaust'] }] }));
    expect(put.length).toBeGreaterThan(0);
    expect(put.every((f) => f.flow?.source?.pod_name === 'tiefighter' && f.flow.l7?.http?.url?.includes('exhaust'))).toBe(true);
    const dropped = flows.filter(compileFlowsRequest({ whitelist: [{ verdict: ['DROPPED'] }] }));
    expect(dropped.every((f) => f.flow?.verdict === 'DROPPED' && f.flow.source?.pod_name === 'xwing')).toBe(true);
  });

  it('blacklists destinations and matches a single uuid', () => {
    const notDns = flows.filter(compileFlowsRequest({ blacklist: [{ destination_pod: ['kube-system/'] }] }));
    expect(notDns.every((f) => f.flow?.destination?.namespace !== 'kube-system')).toBe(true);
    const uuid = flows[5]!.flow!.uuid!;
    expect(flows.filter(compileFlowsRequest({ whitelist: [{ uuid: [uuid] }] })).map((f) => f.flow?.uuid)).toEqual([uuid]);
  });
});
