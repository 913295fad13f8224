import type { ReactNode } from 'react';

/**
 * The compact-line icons (🚀 process, 💥 exit, 🔌 connect … as `tetra getevents -o compact`
 * prints them) drawn as inline SVG: a machine without an emoji font (a server's headless
 * browser, many Linux desktops) would show empty boxes. The emoji stays the key, so the domain's
 * compact lines (plain text, also used in titles and exports) keep speaking tetra's vocabulary,
 * and it stays in the text (visually hidden): a copied row reads as tetra prints it.
 */
const S = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.6, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

const GLYPHS: Record<string, { title: string; tone: string; body: ReactNode }> = {
  '🚀': { title: 'process', tone: 'text-sky-300', body: <path {...S} d="M8 1.5c2.5 1.6 3.6 4.4 3.2 7.7L9.6 11H6.4L4.8 9.2C4.4 5.9 5.5 3.1 8 1.5ZM6.4 11l-1.6 3 1.9-.9M9.6 11l1.6 3-1.9-.9M8 5.2v1.6" /> },
  '💥': { title: 'exit', tone: 'text-orange-300', body: <path {...S} d="M8 1.5l1.3 3.6 3.6-1.3-1.6 3.4 3.2 1.6-3.6 1 .9 3.7-3.1-2.2L5.6 14l.5-3.7L2.5 9l3.2-1.5L4 4l3.4 1.2Z" /> },
  '🔌': { title: 'connect', tone: 'text-emerald-300', body: <path {...S} d="M5.5 1.5v3M10.5 1.5v3M3.5 4.5h9v2.5a4.5 4.5 0 0 1-9 0ZM8 11.5v3" /> },
  '🧹': { title: 'close or unlink', tone: 'text-slate-300', body: <path {...S} d="M3 4.5h10M6.5 4.5V2.5h3v2M4.5 4.5l.7 9h5.6l.7-9M7 7v4.5M9 7v4.5" /> },
  '📤': { title: 'send', tone: 'text-emerald-300', body: <path {...S} d="M8 10V2M5 5l3-3 3 3M2.5 9.5v4h11v-4" /> },
  '📚': { title: 'read', tone: 'text-violet-300', body: <path {...S} d="M2 3.5c2-.8 4-.8 6 .5 2-1.3 4-1.3 6-.5v9c-2-.8-4-.8-6 .5-2-1.3-4-1.3-6-.5ZM8 4v9.5" /> },
  '📝': { title: 'write', tone: 'text-amber-300', body: <path {...S} d="M10.5 2.5l3 3L6 13H3v-3ZM9 4l3 3" /> },
  '📬': { title: 'open', tone: 'text-violet-300', body: <path {...S} d="M4 1.5h5l3 3v10H4ZM9 1.5v3h3" /> },
  '🔑': { title: 'credentials', tone: 'text-amber-300', body: <path {...S} d="M6 10a3.5 3.5 0 1 1 2.4-1L14 14.5M11.5 12l1.5-1.5M5 6.5h.01" /> },
  '🔒': { title: 'LSM hook', tone: 'text-rose-300', body: <path {...S} d="M3.5 7.5h9v6.5h-9ZM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5M8 10v1.5" /> },
  '⚙️': { title: 'probe', tone: 'text-cyan-300', body: <path {...S} d="M8 5.5a2.5 2.5 0 1 0 0 5 2.5 2.5 0 0 0 0-5ZM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" /> },
  '❓': { title: 'other hook', tone: 'text-slate-400', body: <path {...S} d="M5.5 5.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .8-1 1.5v.7M8 12.5h.01" /> },
  '📦': { title: 'loader', tone: 'text-teal-300', body: <path {...S} d="M2 4.5 8 1.5l6 3v7l-6 3-6-3ZM2 4.5l6 3 6-3M8 7.5v7" /> },
  '⏸️': { title: 'throttle start', tone: 'text-amber-300', body: <path {...S} d="M5.5 3v10M10.5 3v10" /> },
  '▶️': { title: 'throttle stop', tone: 'text-emerald-300', body: <path {...S} d="M5 3l8 5-8 5Z" /> },
  '⚠️': { title: 'events lost', tone: 'text-red-300', body: <path {...S} d="M8 2 14.5 13.5h-13ZM8 6.5v3.5M8 12h.01" /> },
};

export function CompactIcon({ icon, className = '' }: { icon: string; className?: string }) {
  const g = GLYPHS[icon];
  if (!g) {
    return (
      <span aria-hidden="true" className={className}>
        {icon}
      </span>
    );
  }
  return (
    <span className={`inline-flex shrink-0 ${className}`} data-icon={g.title} title={g.title}>
      <svg viewBox="0 0 16 16" width="1em" height="1em" className={`align-[-0.125em] ${g.tone}`} aria-hidden="true">
        {g.body}
      </svg>
      <span className="sr-only">{icon}</span>
    </span>
  );
}
