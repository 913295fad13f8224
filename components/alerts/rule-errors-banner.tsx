import type { RuleLoadError } from '@/lib/domain/alerts/alert-types';
import { InertText } from '@/components/inert-text';

/**
 * Rule files that did not load cleanly. Detection still runs with every rule that did, which
 * is exactly why this must be loud: a rule the responder relies on may be missing.
 */
export function RuleErrorsBanner({ errors, rules }: { errors: RuleLoadError[]; rules: number }) {
  if (errors.length === 0) return null;
  return (
    <div role="alert" className="rounded border border-amber-700 bg-amber-950/60 p-3 text-sm text-amber-100" data-testid="rule-errors">
      <p className="font-semibold">
        {errors.length === 1 ? 'A rule file has a problem' : `${errors.length} problems in rule files`} — {rules} rule{rules === 1 ? '' : 's'} loaded
        and running; the broken items are skipped.
      </p>
      <ul className="mt-1 space-y-0.5 font-mono text-xs">
        {errors.slice(0, 20).map((e, i) => (
          <li key={i}>
            <InertText value={`${e.file}${e.line > 0 ? `:${e.line}` : ''}`} className="text-amber-300" />: <InertText value={e.message} max={400} />
          </li>
        ))}
      </ul>
      {errors.length > 20 && <p className="mt-1 text-xs">…and {errors.length - 20} more (see /api/health).</p>}
      <p className="mt-1 text-xs text-amber-200/80">Fix the file and restart Holocron; the fields rules can use are listed in lib/domain/rules/FIELDS.md.</p>
    </div>
  );
}
