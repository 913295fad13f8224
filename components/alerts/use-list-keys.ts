'use client';

import { useEffect } from 'react';

/**
 * Keyboard for a list of links: j / ↓ and k / ↑ move between them (j enters the list), Enter opens (the link's
 * own behaviour), / jumps to the search box. Ignored while typing in a field.
 */
export function useListKeys(container: React.RefObject<HTMLElement | null>, linkSelector: string, searchSelector: string): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>(searchSelector);
        if (search) {
          e.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      const down = e.key === 'j' || e.key === 'ArrowDown';
      const up = e.key === 'k' || e.key === 'ArrowUp';
      if (!down && !up) return;
      const links = [...(container.current?.querySelectorAll<HTMLElement>(linkSelector) ?? [])];
      if (links.length === 0) return;
      const at = links.indexOf(document.activeElement as HTMLElement);
      // Arrows only move inside the list (elsewhere they scroll the page); j starts at the top.
      if (at < 0 && (e.key !== 'j')) return;
      e.preventDefault();
      const next = at < 0 ? 0 : Math.min(links.length - 1, Math.max(0, at + (down ? 1 : -1)));
      links[next]!.focus();
      links[next]!.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [container, linkSelector, searchSelector]);
}
