import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AgentsPanel, type AgentRow } from './agents-panel';

/** The overview's agents panel with what the agents report about themselves (health's agents[].self). */
const base = { node: null, discovery: null, state: 'connected', lastError: null, received: 10, malformed: 0, upstreamLost: 0, lagMs: 100, gaps: [] };

describe('agents panel', () => {
  it("shows Tetragon's health and policies, Hubble's status and nodes, and what is not offered", () => {
    const agents: AgentRow[] = [
      {
        ...base,
        endpoint: 'tetragon://10.0.0.5:54321',
        kind: 'tetragon',
        undecoded: 3,
        self: {
          atUs: 1,
          version: 'v1.7.0',
          health: { health_status: [{ event: 'HEALTH_STATUS_TYPE_STATUS', status: 'HEALTH_STATUS_RUNNING', details: 'running' }] },
          policies: { policies: [{ name: 'connect', state: 'TP_STATE_ENABLED', mode: 'TP_MODE_ENFORCE' }, { name: 'file-<b>x</b>', state: 'TP_STATE_LOAD_ERROR', error: 'no BTF' }] },
          serverStatus: null,
          nodes: null,
          notOffered: [],
          errors: [],
        },
      },
      {
        ...base,
        endpoint: 'hubble://relay:80',
        kind: 'hubble',
        self: {
          atUs: 1,
          version: '1.19.4',
          health: null,
          policies: null,
          serverStatus: { num_flows: '4095', max_flows: '4095', seen_flows: '98231', flows_rate: 12.5, num_connected_nodes: 3, num_unavailable_nodes: 1 },
          nodes: { nodes: [{ name: 'kind-worker', state: 'NODE_CONNECTED', version: '1.19.4', num_flows: '4095' }, { name: 'kind-worker3', state: 'NODE_UNAVAILABLE' }] },
          notOffered: ['GetNodes'],
          errors: ['ServerStatus: deadline exceeded'],
        },
      },
    ];
    const html = renderToStaticMarkup(createElement(AgentsPanel, { agents }));
    expect(html).toContain('3 with unknown fields');
    expect(html).toContain('health <span class="text-emerald-400">RUNNING</span>');
    expect(html).toContain('2 tracing policies');
    expect(html).toMatch(/connect<\/bdi><\/span><span class="text-emerald-400">enabled<\/span><span class="text-slate-500">enforce/);
    expect(html).toMatch(/load_error.*no BTF/);
    expect(html).toContain('file-&lt;b&gt;x&lt;/b&gt;'); // agent strings are text, never markup
    expect(html).toContain('flows 4095 / 4095 in buffer · 98231 seen · 12.5/s · 3 nodes connected');
    expect(html).toContain('1 unavailable');
    expect(html).toMatch(/kind-worker3<\/bdi><\/span><span class="text-red-400">unavailable/);
    expect(html).toContain('not offered: GetNodes');
    expect(html).toContain('ServerStatus: deadline exceeded');
  });

  it('shows nothing about an agent that has not answered yet', () => {
    const html = renderToStaticMarkup(createElement(AgentsPanel, { agents: [{ ...base, endpoint: 't', kind: 'tetragon' }] }));
    expect(html).not.toContain('agent-self-report');
  });
});
