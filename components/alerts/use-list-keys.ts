'use client';

import { useViewKeys, type ViewKeyHandler } from '@/components/view-kit/use-view-keys';

/**
 * Keyboard for a list of links: j / ↓ and k / ↑ move between them (j enters the list), Enter opens (the link's
 * own behaviour), / jumps to the search box. Ignored while typing in a field.
 */
export function useListKeys(container: React.RefObject<HTMLElement | null>, linkSelector: string, searchSelector: string): void {
  const move: ViewKeyHandler = (e) => {
    const down = e.key === 'j' || e.key === 'ArrowDown';
    const links = [...(container.current?.querySelectorAll<HTMLElement>(linkSelector) ?? [])];
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLElement);
    // Arrows only move inside the list (elsewhere they scroll the page); j starts at the top.
    if (at < 0 && e.key !== 'j') return;
    e.preventDefault();
    const next = at < 0 ? 0 : Math.min(links.length - 1, Math.max(0, at + (down ? 1 : -1)));
    links[next]!.focus();
    links[next]!.scrollIntoView({ block: 'nearest' });
  };
  useViewKeys({
    '/': (e) => {
      const search = document.querySelector<HTMLInputElement>(searchSelector);
      if (!search) return;
      e.preventDefault();
      search.focus();
      search.select();
    },
    j: move,
    k: move,
    ArrowDown: move,
    ArrowUp: move,
  });
}
