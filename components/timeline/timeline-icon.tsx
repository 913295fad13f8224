/** A small Gantt-like glyph for "open in the pod's process timeline" (no icon font needed). */
export function TimelineIcon({ className = '' }: { className?: string }) {
  return (
    <svg viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" className={`inline-block ${className}`} fill="currentColor">
      <rect x="0" y="1" width="7" height="2" rx="1" />
      <rect x="3" y="5" width="8" height="2" rx="1" />
      <rect x="5" y="9" width="4" height="2" rx="1" />
    </svg>
  );
}
