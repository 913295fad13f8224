import { InertText } from '@/components/inert-text';

/**
 * Rule tags. MITRE ATT&CK technique ids (T1059, T1059.004) link to their page on
 * attack.mitre.org — the URL is built only from a validated id, never from free text — and
 * tactic tags (mitre_execution) read as words.
 */
const TECHNIQUE = /^T(\d{4})(?:\.(\d{3}))?$/;

export function mitreUrl(tag: string): string | null {
  const m = TECHNIQUE.exec(tag);
  if (!m) return null;
  return `https://attack.mitre.org/techniques/T${m[1]}/${m[2] ? `${m[2]}/` : ''}`;
}

export function AlertTags({ tags }: { tags: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5" data-testid="alert-tags">
      {tags.map((tag) => {
        const url = mitreUrl(tag);
        const tactic = tag.startsWith('mitre_') ? tag.slice('mitre_'.length).replace(/_/g, ' ') : null;
        return (
          <li key={tag}>
            {url ? (
              <a
                href={url}
                target="_blank"
                rel="noopener noreferrer"
                className="rounded border border-rose-800 bg-rose-950/50 px-1.5 py-0.5 font-mono text-xs text-rose-200 hover:border-rose-500"
                title={`MITRE ATT&CK technique ${tag}`}
                data-testid="mitre-tag"
              >
                {tag}
              </a>
            ) : (
              <span
                className={`rounded border px-1.5 py-0.5 text-xs ${tactic ? 'border-rose-900 text-rose-200' : 'border-slate-700 text-slate-300'}`}
                title={tactic ? `MITRE ATT&CK tactic: ${tactic}` : undefined}
              >
                <InertText value={tactic ? `tactic: ${tactic}` : tag} max={60} />
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
