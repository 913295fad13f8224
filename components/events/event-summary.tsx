import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { AUID_UNSET, RISKY_CAPABILITIES, type EventDetails, type ProcessDetails } from '@/lib/domain/process-context/event-details';
import { podTimelineHref } from '@/lib/domain/process-context/process-link';
import { Card, Field, FieldList } from './field-list';

/**
 * The summary of one event: the process (binary, arguments, cwd, user, start), its Kubernetes
 * placement (pod, labels, workload, container, image), capabilities and namespaces, and what the
 * event kind adds (exit signal or status; hook, policy and arguments).
 */
export function EventSummaryCards({ details }: { details: EventDetails }) {
  const p = details.process;
  return (
    <div className="grid gap-3 lg:grid-cols-2">
      {p ? <ProcessCard p={p} /> : <Card title="Process">{details.kind === 'process_throttle' ? 'A throttle names a cgroup, not a process.' : 'No process in this event.'}</Card>}
      {details.facts.length > 0 && <KindFactsCard details={details} />}
      {p && <KubernetesCard p={p} />}
      {details.exit && (
        <Card title="Exit" testId="exit-card">
          <FieldList>
            <Field label="Signal" value={details.exit.signal || null}>
              {details.exit.signal ? <span className={details.exit.signal === 'SIGKILL' ? 'font-semibold text-red-400' : 'text-orange-300'}>{details.exit.signal}</span> : undefined}
            </Field>
            <Field label="Status" value={String(details.exit.status)} />
            <Field label="Exit time" value={details.exit.time} />
          </FieldList>
        </Card>
      )}
      {details.hook && (
        <Card title="Hook" testId="hook-card">
          <FieldList>
            <Field label="Function" value={details.hook.functionName} />
            <Field label="Policy" value={details.hook.policy} />
            <Field label="Action" value={details.hook.action} />
            {details.hook.message && <Field label="Message" value={details.hook.message} />}
            {details.hook.tags.length > 0 && <Field label="Tags" value={details.hook.tags.join(', ')} />}
            <Field label="Arguments">
              {details.hook.args.length === 0 ? (
                <span className="text-slate-600">none</span>
              ) : (
                <ol className="space-y-0.5">
                  {details.hook.args.map((a, i) => (
                    <li key={i}>
                      <span className="text-slate-500">{i}: </span>
                      <InertText value={a} max={300} />
                    </li>
                  ))}
                </ol>
              )}
            </Field>
          </FieldList>
        </Card>
      )}
      {p && <CapabilitiesCard p={p} />}
      {p && <NamespacesCard p={p} />}
    </div>
  );
}

const FACTS_TITLE: Record<string, string> = {
  process_uprobe: 'Uprobe',
  process_usdt: 'USDT probe',
  process_loader: 'Loader',
  process_lsm: 'LSM hook',
  process_throttle: 'Throttle',
  process_tracepoint: 'Tracepoint',
  process_kprobe: 'Kprobe',
};

function KindFactsCard({ details }: { details: EventDetails }) {
  return (
    <Card title={FACTS_TITLE[details.kind] ?? 'Event'} testId="kind-facts-card">
      <FieldList>
        {details.facts.map((f, i) => (
          <Field key={i} label={f.label} testId={`fact-${f.label.toLowerCase().replace(/\W+/g, '-')}`}>
            <InertText value={f.value} max={400} className={f.alert ? 'font-semibold text-amber-300' : undefined} />
          </Field>
        ))}
      </FieldList>
    </Card>
  );
}

function ProcessCard({ p }: { p: ProcessDetails }) {
  return (
    <Card title="Process" testId="process-card">
      <FieldList>
        <Field label="Binary" value={p.binary} testId="summary-binary" />
        <Field label="Arguments" value={p.args || null} testId="summary-args" />
        <Field label="Working dir" value={p.cwd} />
        <Field label="User">
          {p.uid === null ? undefined : (
            <span>
              uid {p.uid}
              {p.user ? <InertText value={` (${p.user})`} /> : ''}
              <span className="text-slate-500"> · auid {p.auid === null ? 'not sent' : p.auid === AUID_UNSET ? 'unset' : p.auid}</span>
            </span>
          )}
        </Field>
        <Field label="PID" value={p.pid === null ? null : `${p.pid}${p.tid !== null && p.tid !== p.pid ? ` (tid ${p.tid})` : ''}`} />
        <Field label="Start time" value={p.startTime} testId="summary-start" />
        <Field label="Flags" value={p.flags} />
        <Field label="exec_id" value={p.execId} />
      </FieldList>
    </Card>
  );
}

function KubernetesCard({ p }: { p: ProcessDetails }) {
  const pod = p.pod;
  const c = p.container;
  return (
    <Card title="Kubernetes" testId="kubernetes-card">
      {!pod ? (
        <p className="text-xs text-slate-400">A host process: it runs in no pod.</p>
      ) : (
        <FieldList>
          <Field label="Pod">
            <Link href={podTimelineHref({ namespace: pod.namespace, name: pod.name }, p.execId)} className="text-sky-300 hover:underline" data-testid="summary-pod">
              <InertText value={`${pod.namespace}/${pod.name}`} />
            </Link>
          </Field>
          <Field label="Labels" testId="summary-labels">
            {pod.labels.length === 0 ? undefined : (
              <span className="flex flex-wrap gap-1">
                {pod.labels.map(([k, v]) => (
                  <span key={k} className="rounded bg-slate-800 px-1.5 py-px text-slate-200">
                    <InertText value={`${k}=${v}`} max={120} />
                  </span>
                ))}
              </span>
            )}
          </Field>
          <Field label="Workload" value={pod.workload ? `${pod.workload}${pod.workloadKind ? ` (${pod.workloadKind})` : ''}` : null} testId="summary-workload" />
          <Field label="Container" value={c ? `${c.name}${c.pid !== null ? ` · pid ${c.pid} inside` : ''}` : null} />
          <Field label="Container id" value={c?.id} />
          <Field label="Image" value={c?.image} testId="summary-image" />
          <Field label="Image digest" value={c?.imageId} />
          <Field label="Container start" value={c?.startTime} />
          {c?.privileged !== null && c?.privileged !== undefined && (
            <Field label="Privileged">{c.privileged ? <span className="font-semibold text-red-400">yes</span> : 'no'}</Field>
          )}
        </FieldList>
      )}
    </Card>
  );
}

function CapList({ caps, testId }: { caps: string[]; testId?: string }) {
  if (caps.length === 0) return <span className="text-slate-500">none</span>;
  return (
    <span className="flex flex-wrap gap-1" data-testid={testId}>
      {caps.map((cap) => (
        <span
          key={cap}
          className={`rounded px-1.5 py-px font-mono text-[11px] ${RISKY_CAPABILITIES.has(cap) ? 'bg-red-950 text-red-300 ring-1 ring-red-800' : 'bg-slate-800 text-slate-300'}`}
          title={RISKY_CAPABILITIES.has(cap) ? 'Reaches past the container boundary' : undefined}
        >
          <InertText value={cap} />
        </span>
      ))}
    </span>
  );
}

function CapabilitiesCard({ p }: { p: ProcessDetails }) {
  const caps = p.caps;
  const same = caps && caps.permitted.length === caps.effective.length && caps.permitted.every((c, i) => c === caps.effective[i]);
  return (
    <Card title="Capabilities" testId="capabilities-card">
      {!caps ? (
        <p className="text-xs text-slate-400">The agent sent no capabilities (Tetragon leaves them out unless enabled).</p>
      ) : (
        <FieldList>
          <Field label="Effective">
            <CapList caps={caps.effective} testId="caps-effective" />
          </Field>
          <Field label="Permitted">{same ? <span className="text-slate-400">same as effective</span> : <CapList caps={caps.permitted} />}</Field>
          {caps.inheritable.length > 0 && (
            <Field label="Inheritable">
              <CapList caps={caps.inheritable} />
            </Field>
          )}
        </FieldList>
      )}
    </Card>
  );
}

function NamespacesCard({ p }: { p: ProcessDetails }) {
  return (
    <Card title="Linux namespaces" testId="namespaces-card">
      {p.namespaces.length === 0 ? (
        <p className="text-xs text-slate-400">The agent sent no namespaces.</p>
      ) : (
        <table className="w-full text-xs">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="font-normal">kind</th>
              <th className="font-normal">inum</th>
              <th className="font-normal">host?</th>
            </tr>
          </thead>
          <tbody className="font-mono">
            {p.namespaces.map((n) => (
              <tr key={n.kind}>
                <td className="text-slate-300">{n.kind}</td>
                <td className="text-slate-400">{n.inum ?? '—'}</td>
                <td className={n.isHost ? 'font-semibold text-amber-300' : 'text-slate-500'}>{n.isHost ? 'host' : 'own'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
