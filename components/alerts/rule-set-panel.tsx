import type { RuleSetEntry, RuleSetReport } from '@/lib/domain/alerts/alert-types';
import { InertText } from '@/components/inert-text';

/**
 * The effective rule set on /alerts: which rules run, from which file, and — for a Falco user who
 * dropped a Falco rule file in — which did not load and why, which belong to another event source,
 * and whether any event that could fire a rule has been seen yet (a rule whose hook no
 * TracingPolicy produces can never fire: docs/FALCO_EVENTS.md says which policy to apply).
 */
function stateText(r: RuleSetEntry): { label: string; className: string } {
  if (r.state === 'error') return { label: 'not loaded', className: 'text-red-300' };
  if (r.state === 'not_applicable') return { label: 'not applicable', className: 'text-slate-400' };
  if (r.state === 'skipped') return { label: 'skipped', className: 'text-slate-400' };
  if (!r.enabled) return { label: 'disabled', className: 'text-slate-400' };
  return { label: 'running', className: 'text-emerald-300' };
}

function seenText(r: RuleSetEntry): string {
  if (r.state !== 'loaded' || !r.enabled) return '—';
  const types = r.eventTypes === null ? 'any event' : r.eventTypes.join(', ');
  return r.seen > 0 ? `${r.seen.toLocaleString('en-US')} (${types})` : `none yet (${types})`;
}

export function RuleSetPanel({ report }: { report: RuleSetReport }) {
  const running = report.rules.filter((r) => r.state === 'loaded' && r.enabled).length;
  const notLoaded = report.rules.filter((r) => r.state === 'error').length;
  const other = report.rules.filter((r) => r.state === 'not_applicable' || r.state === 'skipped').length;
  const disabled = report.rules.filter((r) => r.state === 'loaded' && !r.enabled).length;
  return (
    <details className="rounded border border-slate-800 bg-slate-900/60 text-sm" data-testid="rule-set">
      <summary className="cursor-pointer select-none px-3 py-2 text-slate-300">
        Rule set: <span className="text-emerald-300">{running} running</span>
        {disabled > 0 && <>, {disabled} disabled</>}
        {notLoaded > 0 && <span className="text-red-300">, {notLoaded} not loaded</span>}
        {other > 0 && <>, {other} for other event sources</>} — {report.files.length} file{report.files.length === 1 ? '' : 's'}, Falco engine{' '}
        {report.engineVersion} syntax
      </summary>
      {report.notices.length > 0 && (
        <ul className="border-t border-slate-800 px-3 py-2 text-xs text-sky-200" data-testid="rule-notices">
          {report.notices.map((n, i) => (
            <li key={i}>
              <InertText value={`${n.file}:${n.line}`} className="text-sky-300" />: <InertText value={n.message} max={400} />
            </li>
          ))}
        </ul>
      )}
      <div className="max-h-[28rem] overflow-auto border-t border-slate-800">
        <table className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-900 text-slate-400">
            <tr>
              <th className="px-3 py-1 font-medium">Rule</th>
              <th className="px-3 py-1 font-medium">File</th>
              <th className="px-3 py-1 font-medium">State</th>
              <th className="px-3 py-1 font-medium">Events that could fire it, seen</th>
              <th className="px-3 py-1 font-medium">Why / notes</th>
            </tr>
          </thead>
          <tbody>
            {report.rules.map((r, i) => {
              const state = stateText(r);
              return (
                <tr key={`${r.file}:${r.name}:${i}`} className="border-t border-slate-800/60 align-top" data-testid="rule-set-row" data-state={r.state}>
                  <td className="px-3 py-1 text-slate-200">
                    <InertText value={r.name} max={200} />
                  </td>
                  <td className="px-3 py-1 font-mono text-slate-400">
                    <InertText value={`${r.file}:${r.line}`} max={200} />
                  </td>
                  <td className={`px-3 py-1 ${state.className}`}>{state.label}</td>
                  <td className="px-3 py-1 text-slate-300">
                    <InertText value={seenText(r)} max={300} />
                  </td>
                  <td className="px-3 py-1 text-slate-400">
                    <InertText value={r.reason ?? ''} max={500} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}
