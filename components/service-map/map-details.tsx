'use client';

import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { endpointRowLabel } from '@/lib/domain/service-map/card-size';
import { needsAttention } from '@/lib/domain/service-map/endpoint-rank';
import type { L7Endpoint, MapEdge, MapNode } from '@/lib/domain/service-map/service-map';
import { isSecured, portLabel, securityText } from './edge-style';
import { plural } from './svg-text';
import { VerdictCountsView } from './verdict-counts-view';

/**
 * What an edge or a node stands for, in words and numbers: the hover card shows it compact, the
 * selection panel in full with the links onwards. Every event string goes through InertText.
 */
function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 py-0.5">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-200">{children}</dd>
    </div>
  );
}

function List({ items, empty, max }: { items: string[]; empty: string; max: number }) {
  if (items.length === 0) return <span className="text-slate-500">{empty}</span>;
  return (
    <span>
      {items.slice(0, max).map((p, i) => (
        <span key={p}>
          {i > 0 && ', '}
          <InertText value={p} max={80} />
        </span>
      ))}
      {items.length > max && <span className="text-slate-500"> +{items.length - max} more</span>}
    </span>
  );
}

function Endpoints({ endpoints, truncated, max }: { endpoints: L7Endpoint[]; truncated: number; max: number }) {
  if (endpoints.length === 0) return <span className="text-slate-500">none seen (L3/L4 only)</span>;
  const hidden = endpoints.length - Math.min(max, endpoints.length) + truncated;
  return (
    <ul className="space-y-0.5 font-mono text-xs" data-testid="details-endpoints">
      {endpoints.slice(0, max).map((e) => (
        <li key={`${e.protocol} ${e.method} ${e.path}`} className={needsAttention(e) ? 'text-red-300' : ''}>
          <InertText value={endpointRowLabel(e)} max={120} />
          <span className="text-slate-500">
            {' '}
            ×{e.requests.toLocaleString('en-US')}
            {e.verdicts.dropped > 0 && ` · ${e.verdicts.dropped} dropped`}
            {e.statuses.length > 0 && ` · ${e.statuses.map((s) => `${s.code}×${s.count}`).join(' ')}`}
          </span>
        </li>
      ))}
      {hidden > 0 && <li className="text-slate-500">+{hidden.toLocaleString('en-US')} more</li>}
    </ul>
  );
}

export function EdgeDetails({ edge, from, to, compact }: { edge: MapEdge; from: MapNode | undefined; to: MapNode | undefined; compact: boolean }) {
  return (
    <div className="text-xs" data-testid="edge-details" data-edge-id={edge.id}>
      <div className="mb-1 text-sm font-semibold text-slate-100">
        <InertText value={from?.name ?? edge.source} max={60} /> <span className="text-slate-400">→</span>{' '}
        <InertText value={to?.name ?? edge.destination} max={60} />{' '}
        <span className="font-mono text-slate-400">{portLabel(edge)}</span>
      </div>
      <dl>
        <Row label="flows">
          {edge.flowCount.toLocaleString('en-US')} <span className="text-slate-500">({plural(edge.replies, 'reply', 'replies')})</span>
        </Row>
        <Row label="verdicts">
          <VerdictCountsView counts={edge.counts} />
          {edge.verdict === 'dropped' && edge.counts.forwarded > 0 && (
            <span className="block text-slate-500">the forwarded ones were seen leaving the client; where it was decided, all were dropped</span>
          )}
        </Row>
        {edge.dropReasons.length > 0 && (
          <Row label="drop reasons">
            <List items={edge.dropReasons.map((d) => `${d.reason} ×${d.count}`)} empty="" max={compact ? 3 : 20} />
          </Row>
        )}
        <Row label="allowed by">
          <List items={edge.allowedBy} empty="no policy reported" max={compact ? 3 : 50} />
        </Row>
        <Row label="denied by">
          <List items={edge.deniedBy} empty="no policy reported" max={compact ? 3 : 50} />
        </Row>
        <Row label="security">
          <span className={isSecured(edge) ? 'text-sky-300' : 'text-slate-400'}>{securityText(edge)}</span>
        </Row>
        <Row label="L7">
          <Endpoints endpoints={edge.endpoints} truncated={edge.endpointsTruncated} max={compact ? 5 : 50} />
        </Row>
        {!compact && (
          <Row label="seen">
            {new Date(edge.firstTs / 1000).toISOString()} → {new Date(edge.lastTs / 1000).toISOString()}
          </Row>
        )}
      </dl>
    </div>
  );
}

export function NodeDetails({ node, compact }: { node: MapNode; compact: boolean }) {
  return (
    <div className="text-xs" data-testid="node-details" data-node-id={node.id}>
      <div className="mb-1 text-sm font-semibold text-slate-100">
        <InertText value={node.name} max={80} />
        {node.namespace && (
          <span className="font-normal text-slate-400">
            {' '}
            in <InertText value={node.namespace} max={60} />
          </span>
        )}
      </div>
      <dl>
        <Row label="kind">
          {node.kind !== 'workload' ? `${node.kind} (reserved identity)` : node.workloadKind ? <InertText value={node.workloadKind} max={60} /> : 'workload (kind unknown)'}
        </Row>
        <Row label="flows">{node.flowCount.toLocaleString('en-US')} in or out</Row>
        {node.pods.length > 0 && (
          <Row label={node.pods.length === 1 ? 'pod' : `${node.pods.length} pods`}>
            {compact || !node.namespace ? (
              <List items={node.pods} empty="" max={compact ? 3 : 50} />
            ) : (
              <ul>
                {node.pods.slice(0, 50).map((p) => (
                  <li key={p}>
                    <Link className="text-sky-300 hover:underline" href={`/pods/${encodeURIComponent(node.namespace)}/${encodeURIComponent(p)}`}>
                      <InertText value={p} max={80} />
                    </Link>
                  </li>
                ))}
                {node.pods.length > 50 && <li className="text-slate-500">+{node.pods.length - 50} more</li>}
              </ul>
            )}
          </Row>
        )}
        {node.services.length > 0 && (
          <Row label="services">
            <List items={node.services} empty="" max={compact ? 3 : 20} />
          </Row>
        )}
        {!compact && node.labels.length > 0 && (
          <Row label="labels">
            <List items={node.labels} empty="" max={64} />
          </Row>
        )}
        <Row label="serves (L7)">
          <Endpoints endpoints={node.endpoints} truncated={node.endpointsTruncated} max={compact ? 5 : 50} />
        </Row>
      </dl>
    </div>
  );
}
