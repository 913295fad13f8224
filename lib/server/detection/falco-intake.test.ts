import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFalcoAlerts } from '@/lib/domain/alerts/falco-intake';
import { parseQuery } from '@/lib/domain/query/parse';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { DetectionRunner } from './detection-runner';
import { falcoOccurrence, linkFalcoAlert } from './falco-intake';
import { createBench, DETECTION_CONFIG, type Bench } from './testing/scenario-feed';

/**
 * A real Falco's alert about the scenario's `cat /etc/shadow`, posted as its http_output would,
 * must land beside Holocron's alerts linked to the cat process Tetragon reported.
 */
describe('Falco alerts linked to Tetragon processes', () => {
  let bench: Bench;
  let runner: DetectionRunner;

  beforeEach(() => {
    bench = createBench();
    runner = new DetectionRunner({ config: DETECTION_CONFIG, store: bench.store, live: bench.live, log: () => {} }).start();
  });

  afterEach(async () => {
    runner.stop();
    await bench.close();
  });

  async function catExec(): Promise<{ id: string; line: TetragonEventJson }> {
    const page = await bench.store.listEvents({ q: parseQuery('binary=^/usr/bin/cat$ event-type=exec', 'events'), sinceUs: null, untilUs: null, limit: 5, cursor: null });
    expect(page.rows).toHaveLength(1);
    return { id: page.rows[0]!.id, line: JSON.parse(page.rows[0]!.json) as TetragonEventJson };
  }

  function falcoAbout(line: TetragonEventJson, extra: Record<string, unknown> = {}) {
    const p = line.process_exec!.process!;
    const container = p.pod!.container!.id!.replace(/^[a-z-]+:\/\//, '').slice(0, 12);
    return {
      hostname: 'falco-kind-worker',
      output: `08:00:18.902987117: Warning Sensitive file opened for reading by non-trusted program (file=/etc/shadow process=cat)`,
      output_fields: { 'fd.name': '/etc/shadow', 'proc.name': 'cat', 'proc.pid': p.pid, 'container.id': container },
      priority: 'Warning',
      rule: 'Read sensitive file untrusted',
      source: 'syscall',
      tags: ['filesystem', 'maturity_stable'],
      time: line.time,
      ...extra,
    };
  }

  it('links an http_output alert to the process by pid, container and name, and stores it once', async () => {
    await bench.feedCycle(0);
    await runner.whenIdle();
    const cat = await catExec();
    const [alert] = parseFalcoAlerts(falcoAbout(cat.line));
    const link = await linkFalcoAlert(bench.store, alert!);
    expect(link).toMatchObject({
      execId: cat.line.process_exec!.process!.exec_id,
      namespace: 'default',
      pod: 'tiefighter',
      node: 'kind-worker',
      matchedOn: ['pid', 'container.id', 'proc.name'],
    });
    const occurrence = falcoOccurrence(alert!, link, '2026-11-22T08:05:00.000Z');
    const first = await runner.recordExternal([occurrence]);
    expect(first!.created.map((r) => r.summary)).toMatchObject([{ rule: 'Read sensitive file untrusted', pod: 'tiefighter', execId: link!.execId, priority: 'WARNING' }]);
    const stored = JSON.parse(first!.created[0]!.json);
    expect(stored.holocron).toMatchObject({ origin: 'falco', link: { exec_id: link!.execId } });
    expect(stored.output).toContain('Sensitive file opened');

    const again = await runner.recordExternal([falcoOccurrence(parseFalcoAlerts(falcoAbout(cat.line))[0]!, link, 'later')]);
    expect(again).toMatchObject({ created: [], duplicates: 1 });
  });

  it('deduplicates Falcosidekick alerts by uuid', async () => {
    await bench.feedCycle(0);
    await runner.whenIdle();
    const cat = await catExec();
    const post = (output: string) => parseFalcoAlerts(falcoAbout(cat.line, { uuid: 'a1b2c3d4-0000-4000-8000-000000000001', output }))[0]!;
    const r1 = await runner.recordExternal([falcoOccurrence(post('one'), null, 'now')]);
    const r2 = await runner.recordExternal([falcoOccurrence(post('one, re-sent with another output'), null, 'now')]);
    expect(r1!.created).toHaveLength(1);
    expect(r2).toMatchObject({ created: [], duplicates: 1 });
    expect(JSON.parse(r1!.created[0]!.json).holocron.origin).toBe('falcosidekick');
  });

  it('does not guess: a pid in another container, or no pid, links to nothing', async () => {
    await bench.feedCycle(0);
    await runner.whenIdle();
    const cat = await catExec();
    const elsewhere = falcoAbout(cat.line);
    (elsewhere.output_fields as Record<string, unknown>)['container.id'] = 'ffffffffffff';
    expect(await linkFalcoAlert(bench.store, parseFalcoAlerts(elsewhere)[0]!)).toBeNull();
    const noPid = falcoAbout(cat.line);
    delete (noPid.output_fields as Record<string, unknown>)['proc.pid'];
    expect(await linkFalcoAlert(bench.store, parseFalcoAlerts(noPid)[0]!)).toBeNull();
  });
});
