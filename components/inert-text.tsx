'use client';

import { useState } from 'react';
import { hasInvisible, truncateText, visibleText } from '@/lib/domain/text/inert-text';

/**
 * Renders a hostile string as plain text: control characters and bidi overrides shown as escapes
 * (highlighted), long values cut with a button to see all, long runs of combining marks counted;
 * a word with no break point wraps anywhere (globals.css) rather than widening the page. Never
 * uses innerHTML.
 */
export function InertText({ value, max = 200, className }: { value: string; max?: number; className?: string }) {
  const [expanded, setExpanded] = useState(false);
  const visible = visibleText(value);
  const { text, truncated, hiddenChars } = expanded ? { text: visible, truncated: false, hiddenChars: 0 } : truncateText(visible, max);
  return (
    <span className={className} data-inert="" data-escaped={hasInvisible(value) ? 'true' : undefined} dir="ltr">
      <bdi>{text}</bdi>
      {truncated && (
        <button
          type="button"
          className="ml-1 rounded bg-slate-700 px-1 text-xs text-slate-200 hover:bg-slate-600"
          onClick={(e) => {
            e.stopPropagation();
            setExpanded(true);
          }}
        >
          +{hiddenChars.toLocaleString()} chars
        </button>
      )}
    </span>
  );
}
