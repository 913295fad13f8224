import { describe, expect, it } from 'vitest';
import type { AlertSummary, FalcoAlertJson } from '@/lib/domain/alerts/alert-types';
import { jsonWebhookBody, slackText, slackWebhookBody } from './webhook-body';

const HOSTILE_POD = 'evil<!channel>&<https://phish.example|click>`x`';
const summary: AlertSummary = {
  id: 'al-abc',
  rule: 'Terminal shell in container',
  priority: 'NOTICE',
  time: '2026-11-22T09:14:00.187443Z',
  ts: 1_795_338_840_187_443,
  node: 'kind-worker',
  namespace: 'default',
  pod: HOSTILE_POD,
  execId: 'ZXhlYw==',
  eventId: 'ev1',
  message: `Shell started (cmdline=sh -c "echo <@U123> \`\`\`done\`\`\`\u001b[31m" pod=default/${HOSTILE_POD})`,
  tags: ['container', 'T1059'],
  count: 1,
  firstSeenUs: 1_795_338_840_187_443,
  lastSeenUs: 1_795_338_840_187_443,
  lastEventId: 'ev1',
  lastExecId: 'ZXhlYw==',
};
const falco: FalcoAlertJson = {
  time: summary.time,
  rule: summary.rule,
  priority: 'Notice',
  source: 'tetragon',
  hostname: 'kind-worker',
  output: `09:14:00.187443000: Notice ${summary.message}`,
  output_fields: { 'proc.exec_id': 'ZXhlYw==' },
  tags: summary.tags,
};

describe('JSON webhook body', () => {
  it('is Falco’s JSON plus the alert id, deep link and evidence links', () => {
    const body = jsonWebhookBody(summary, falco, 'https://holocron.example');
    expect(body).toMatchObject(falco);
    expect(body.holocron).toMatchObject({
      id: 'al-abc',
      url: 'https://holocron.example/alerts/al-abc',
      count: 1,
      evidence: {
        event_id: 'ev1',
        exec_id: 'ZXhlYw==',
        namespace: 'default',
        pod: HOSTILE_POD,
        node: 'kind-worker',
        event_url: 'https://holocron.example/events/ev1',
        timeline_url: `https://holocron.example/pods/default/${encodeURIComponent(HOSTILE_POD)}?sel=ZXhlYw%3D%3D`,
      },
    });
    expect(body.holocron.evidence.flows_url).toMatch(/^https:\/\/holocron\.example\/flows\?q=pod%3Ddefault%2Fevil/);
  });
});

describe('Slack webhook body', () => {
  it('escapes &, < and > so hostile strings become neither links nor mentions', () => {
    expect(slackText('a & b <!here> <http://x|y>')).toBe('a &amp; b &lt;!here&gt; &lt;http://x|y&gt;');
  });

  it('makes control characters visible and cannot be broken out of a code block', () => {
    expect(slackText('```\u001b[31m')).toBe('\u02cb\u02cb\u02cb\\x1b[31m');
  });

  it('carries text and blocks, with every event string escaped', () => {
    const body = slackWebhookBody(summary, 'https://holocron.example');
    expect(body.text).toBe('Notice: Terminal shell in container in default/evil&lt;!channel&gt;&amp;&lt;https://phish.example|click&gt;\u02cbx\u02cb');
    const all = JSON.stringify(body);
    // The only Slack links are ours.
    const links = [...all.matchAll(/<([^<>]*)>/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith('https://holocron.example/')).toBe(true);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U123>');
    expect(all).not.toContain('\u001b');
    const output = body.blocks[1]!.text!.text;
    expect(output.startsWith('```') && output.endsWith('```')).toBe(true);
    expect(output.slice(3, -3)).not.toContain('`');
    expect(body.blocks[0]!.text!.text).toContain('<https://holocron.example/alerts/al-abc|Terminal shell in container>');
  });

  it('keeps sections under Slack’s 3000-character limit', () => {
    const body = slackWebhookBody({ ...summary, message: 'x'.repeat(10_000) }, 'https://h.example');
    for (const block of body.blocks) expect(JSON.stringify(block).length).toBeLessThan(3100);
  });
});
