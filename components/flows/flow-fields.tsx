'use client';

import type { ReactNode } from 'react';
import { FilterableValue } from '@/components/filter-bar/filter-actions';
import { InertText } from '@/components/inert-text';
import { localSide } from '@/lib/domain/flow-list/local-endpoint';
import { flowFacts, type FlowFact, type FlowFacts } from '@/lib/domain/flow-list/flow-facts';
import { lossOfFlowLine, type LossLine } from '@/lib/domain/loss-line';
import type { FlowItem, PodNodeView } from '@/lib/contract/flows';
import type { FlowEndpointSummary } from '@/lib/domain/records';
import type { PolicyJson } from '@/lib/domain/wire-types';
import { latencyText } from './format';

/**
 * Every field of one flow a responder needs, grouped: source, destination, where it was seen,
 * verdict and policies, L7. Shared by the details panel of /flows and the /flows/<uuid> page.
 * Values are inert text; those with a filter kind get + / − to filter the list by them.
 */

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <>
      <dt className="whitespace-nowrap text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-100" data-testid={testId}>
        {children}
      </dd>
    </>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded border border-slate-800 bg-slate-900/50 p-2" data-testid={testId}>
      <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{title}</h3>
      <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">{children}</dl>
    </section>
  );
}

function EndpointFields({
  ep,
  side,
  node,
  observedHere,
  observedNode,
}: {
  ep: FlowEndpointSummary;
  side: 'from' | 'to';
  node: PodNodeView | null;
  observedHere: boolean;
  observedNode: string;
}) {
  const podNode = observedHere ? { node: observedNode, how: 'this flow was observed at it' } : node ? { node: node.node, how: `from other ${node.from}` } : null;
  return (
    <>
      <Field label="pod" testId={`${side}-pod`}>
        {ep.pod ? <FilterableValue wrap kind="pod" direction={side} value={`${ep.namespace}/${ep.pod}`} max={120} /> : <span className="text-slate-500">no pod</span>}
      </Field>
      <Field label="namespace">{ep.namespace && <FilterableValue wrap kind="namespace" direction={side} value={ep.namespace} />}</Field>
      <Field label="pod runs on node" testId={`${side}-node`}>
        {ep.pod &&
          (podNode ? (
            <span>
              <FilterableValue wrap kind="node" value={podNode.node} /> <span className="text-slate-500">({podNode.how})</span>
            </span>
          ) : (
            <span className="text-slate-500">unknown (no flow observed at this pod, no process event from it)</span>
          ))}
      </Field>
      <Field label="workload">
        {ep.workload && (
          <span>
            <FilterableValue wrap kind="workload" direction={side} value={ep.workload} />
            {ep.workloadKind && <span className="text-slate-500"> ({ep.workloadKind})</span>}
          </span>
        )}
      </Field>
      <Field label="identity">{ep.identity ? <FilterableValue wrap kind="identity" direction={side} value={String(ep.identity)} /> : null}</Field>
      <Field label="IP : port">
        <span className="flex flex-wrap items-center gap-1">
          <FilterableValue wrap kind="ip" direction={side} value={ep.ip} />
          {ep.port ? (
            <>
              <span className="text-slate-500">:</span>
              <FilterableValue wrap kind="port" direction={side} value={String(ep.port)} />
            </>
          ) : null}
        </span>
      </Field>
      <Field label="service">{ep.service && <FilterableValue wrap kind="service" direction={side} value={ep.service} />}</Field>
      <Field label="DNS names">{ep.names.length > 0 && <InertText value={ep.names.join(', ')} />}</Field>
      <Field label="labels">
        {ep.labels.length > 0 && (
          <ul className="flex flex-col">
            {ep.labels.map((l) => (
              <li key={l}>
                <FilterableValue wrap kind="label" direction={side} value={l} max={120} />
              </li>
            ))}
          </ul>
        )}
      </Field>
    </>
  );
}

/** Lines from flowFacts: label and inert value, each with a test id named after its label. */
function Facts({ list }: { list: FlowFact[] }) {
  return (
    <>
      {list.map((x) => (
        <Field key={x.label} label={x.label} testId={`flow-fact-${x.label.replace(/\W+/g, '-')}`}>
          <InertText value={x.value} max={400} />
        </Field>
      ))}
    </>
  );
}

/** A lost_events / node_status line stored among the flows: what it says, and where. */
function LossFields({ loss, item }: { loss: LossLine; item: FlowItem }) {
  return (
    <div className="flex flex-col gap-2" data-testid="flow-fields">
      <Section title={loss.kind === 'node_status' ? 'Node status' : 'Lost events'} testId="flow-loss">
        <Field label="what">
          <InertText value={loss.text} max={400} className="text-red-200" />
        </Field>
        <Field label="count">{loss.count === null ? null : loss.count.toLocaleString('en-US')}</Field>
        <Field label="node">{item.node && <FilterableValue wrap kind="node" value={item.node} />}</Field>
        <Field label="time">
          <span className="font-mono">{item.time}</span>
        </Field>
      </Section>
    </div>
  );
}

const EXTRA_SECTIONS: [Exclude<keyof FlowFacts, 'observed'>, string][] = [
  ['dns', 'DNS'],
  ['kafka', 'Kafka'],
  ['tunnel', 'Tunnel'],
  ['aggregate', 'Aggregate'],
  ['extensions', 'Extensions'],
];

const policyText = (p: PolicyJson) => `${p.namespace ? `${p.namespace}/` : ''}${p.name ?? '?'}${p.kind ? ` (${p.kind})` : ''}`;

function Policies({ label, list }: { label: string; list: PolicyJson[] | undefined }) {
  if (!list?.length) return null;
  return (
    <Field label={label}>
      <ul>
        {list.map((p, i) => (
          <li key={i}>
            <InertText value={policyText(p)} />
          </li>
        ))}
      </ul>
    </Field>
  );
}

export function FlowFields({
  item,
  nodes,
  narrow = false,
}: {
  item: FlowItem;
  nodes: { source: PodNodeView | null; destination: PodNodeView | null } | null;
  narrow?: boolean; // the side panel: one column
}) {
  const f = item;
  const loss = lossOfFlowLine(item.event);
  if (loss) return <LossFields loss={loss} item={item} />;
  const raw = item.event.flow ?? {};
  const local = localSide(f.direction, f.isReply);
  const http = raw.l7?.http;
  const dns = raw.l7?.dns;
  const dropped = f.verdict === 'DROPPED';
  const more = flowFacts(raw);
  return (
    <div className="flex flex-col gap-2" data-testid="flow-fields">
      <Section title="Verdict" testId="flow-verdict">
        <Field label="verdict">
          <FilterableValue wrap kind="verdict" value={f.verdict} className={dropped ? 'font-semibold text-red-300' : f.verdict === 'FORWARDED' ? 'text-emerald-300' : 'text-amber-300'} />
        </Field>
        <Field label="drop reason">{f.dropReason && <FilterableValue wrap kind="drop-reason" value={f.dropReason} className="text-red-300" />}</Field>
        <Policies label="ingress allowed by" list={raw.ingress_allowed_by} />
        <Policies label="egress allowed by" list={raw.egress_allowed_by} />
        <Policies label="ingress denied by" list={raw.ingress_denied_by} />
        <Policies label="egress denied by" list={raw.egress_denied_by} />
        <Field label="summary">{f.summary && <InertText value={f.summary} max={400} />}</Field>
        <Field label="time">
          <span className="font-mono">{f.time}</span>
        </Field>
        <Field label="uuid">
          <span className="font-mono">{f.id}</span>
        </Field>
      </Section>
      <div className={`grid gap-2 ${narrow ? '' : 'xl:grid-cols-2'}`}>
        <Section title="Source" testId="flow-source">
          <EndpointFields ep={f.source} side="from" node={nodes?.source ?? null} observedHere={local === 'source'} observedNode={f.node} />
        </Section>
        <Section title="Destination" testId="flow-destination">
          <EndpointFields ep={f.destination} side="to" node={nodes?.destination ?? null} observedHere={local === 'destination'} observedNode={f.node} />
        </Section>
      </div>
      <Section title="Observed" testId="flow-observed">
        <Field label="node (node_name)" testId="observed-node">
          <span>
            <FilterableValue wrap kind="node" value={f.node} />
            {local && <span className="text-slate-500"> — at the {local} ({f.direction.toLowerCase()}{f.isReply ? ', reply' : ''})</span>}
          </span>
        </Field>
        <Field label="observation point">{raw.trace_observation_point && <InertText value={raw.trace_observation_point} />}</Field>
        <Field label="direction">{f.direction !== 'TRAFFIC_DIRECTION_UNKNOWN' && <FilterableValue wrap kind="direction" value={f.direction} />}</Field>
        <Field label="is reply">{f.isReply === null ? 'not reported' : <FilterableValue wrap kind="reply" value={String(f.isReply)} />}</Field>
        <Field label="type">
          <FilterableValue wrap kind="type" value={f.type} />
        </Field>
        <Field label="protocol">{f.protocol && <FilterableValue wrap kind="protocol" value={f.protocol} />}</Field>
        <Field label="TCP flags">
          {f.tcpFlags.length > 0 && (
            <span className="flex gap-1.5">
              {f.tcpFlags.map((fl) => (
                <FilterableValue wrap key={fl} kind="tcp-flag" value={fl} />
              ))}
            </span>
          )}
        </Field>
        <Field label="event type">{raw.event_type && `type ${raw.event_type.type ?? 0}, sub_type ${raw.event_type.sub_type ?? 0}`}</Field>
        <Field label="encrypted">{f.encrypted ? 'yes' : null}</Field>
        <Field label="auth">{f.authType && <InertText value={f.authType} />}</Field>
        <Field label="socket cookie">{raw.socket_cookie}</Field>
        <Facts list={more.observed} />
      </Section>
      {(f.l7Type || http || dns) && (
        <Section title="L7" testId="flow-l7">
          <Field label="L7 type">{f.l7Type}</Field>
          <Field label="method">{f.httpMethod && <FilterableValue wrap kind="http-method" value={f.httpMethod} />}</Field>
          <Field label="URL">{f.httpUrl && <InertText value={f.httpUrl} max={400} />}</Field>
          <Field label="path">{f.httpMethod && <FilterableValue wrap kind="http-path" value={f.httpPath} max={200} />}</Field>
          <Field label="status">{f.httpCode ? <FilterableValue wrap kind="http-status" value={String(f.httpCode)} className={f.httpCode >= 500 ? 'text-red-300' : ''} /> : null}</Field>
          <Field label="protocol">{http?.protocol && <InertText value={http.protocol} />}</Field>
          <Field label="latency">{latencyText(f.latencyNs)}</Field>
          <Field label="headers">
            {http?.headers?.length ? (
              <ul>
                {http.headers.map((h, i) => (
                  <li key={i}>
                    <InertText value={`${h.key ?? ''}: ${h.value ?? ''}`} max={200} />
                  </li>
                ))}
              </ul>
            ) : null}
          </Field>
          <Field label="DNS query">{f.dnsQuery && <FilterableValue wrap kind="dns" value={f.dnsQuery} />}</Field>
        </Section>
      )}
      {EXTRA_SECTIONS.map(([key, title]) =>
        more[key].length > 0 ? (
          <Section key={key} title={title} testId={`flow-${key}`}>
            <Facts list={more[key]} />
          </Section>
        ) : null,
      )}
    </div>
  );
}
