'use client';

import type { Virtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { useCallback, useRef } from 'react';
import { FilterActionsProvider } from '@/components/filter-bar/filter-actions';
import { FilterBar } from '@/components/filter-bar/filter-bar';
import { TimelineIcon } from '@/components/timeline/timeline-icon';
import { addChips, type Chip } from '@/lib/domain/query/chips';
import { eventHref } from '@/lib/domain/process-context/process-link';
import { EVENT_TABLE } from './event-columns';
import { ExportMenu } from '@/components/view-kit/export-menu';
import { LiveControls } from '@/components/view-kit/live-controls';
import { LiveTable } from '@/components/view-kit/live-table';
import { NewRowsButton } from '@/components/view-kit/new-rows-button';
import { eventsDataParams, isOpenEnded, parseProcessesSearch, processesHref, type ProcessesSearch } from './search-params';
import { useEventFeed } from './use-event-feed';
import { appUrl } from '@/components/url-state/app-url';
import { TimeWindowPicker } from '@/components/view-kit/time-window-picker';
import { useUrlState } from '@/components/view-kit/use-url-state';
import { useListKeys } from '@/components/view-kit/use-list-keys';
import { SELECTION_PARAM } from '@/components/view-kit/vocabulary';

/**
 * /processes: every stored and live process event (exec, exit, kprobe, tracepoint, LSM, uprobe),
 * newest first, one tetra-compact row each. Filter, time range, live/paused and the selected row
 * live in the URL (history.pushState/replaceState, which Next's router follows without a server
 * round trip), so the view is a link. Keys (view-kit/use-list-keys.ts, as on /flows): / filter · p pause · g table · ↑↓ select · Enter open · Esc clear.
 */
export function ProcessesView() {
  const router = useRouter();
  const { state: search, update } = useUrlState(parseProcessesSearch, processesHref);
  const searchRef = useRef(search);
  searchRef.current = search;
  const feed = useEventFeed(search);
  const filterInput = useRef<HTMLInputElement>(null);
  const tableScroll = useRef<HTMLDivElement>(null);
  const virtualizerRef = useRef<Virtualizer<HTMLDivElement, Element> | null>(null);

  const addChip = useCallback(
    (chip: Chip) => {
      update({ q: addChips(searchRef.current.q, 'events', [chip]), sel: null }, 'push');
    },
    [update],
  );
  const select = useCallback((id: string) => update({ sel: id }), [update]);
  const open = useCallback(
    (id: string) => {
      // Remember the row, so Back returns to it. The URL (not React state, which lags a
      // replaceState) says whether it already is the selection; when we do rewrite it, the push
      // waits a tick so the router does not see the two at once and drop the navigation.
      if (new URLSearchParams(window.location.search).get(SELECTION_PARAM) === id) {
        router.push(eventHref(id));
        return;
      }
      update({ sel: id });
      setTimeout(() => router.push(eventHref(id)), 0);
    },
    [router, update],
  );
  const togglePause = useCallback(() => update({ paused: !searchRef.current.paused }), [update]);

  useListKeys({
    rows: feed.rows,
    selectedId: search.sel,
    select: (id) => update({ sel: id }),
    open,
    filterInput,
    table: tableScroll,
    virtualizerRef,
    togglePause,
  });

  const openEnded = isOpenEnded(search);
  const footer =
    feed.state !== 'ready' || feed.rows.length === 0 ? null : (
      <div className="px-2 py-2 text-center text-[11px] text-slate-500" data-testid="events-footer">
        {feed.loadingMore ? 'loading older events…' : feed.hasMore ? 'scroll for older events' : `all ${feed.rows.length.toLocaleString()} matching events loaded`}
      </div>
    );

  return (
    <FilterActionsProvider add={addChip}>
      <div className="flex h-[calc(100vh-5.5rem)] flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-lg font-semibold text-slate-100">Process events</h1>
          <span className="text-xs text-slate-500" data-testid="events-count">
            {feed.state === 'ready' ? `${feed.rows.length.toLocaleString()}${feed.hasMore ? '+' : ''} events` : ''}
          </span>
          <span className="ml-auto flex flex-wrap items-center gap-2">
            <TimeWindowPicker value={search} onChange={(w) => update({ ...w, sel: null }, 'push')} hint="Leave “To” empty to keep following new events." />
            <LiveControls
              enabled={openEnded}
              connected={feed.live && feed.connected}
              paused={search.paused}
              pending={feed.pending}
              noun="events"
              onPause={togglePause}
              onResume={togglePause}
              lost={feed.lost}
              full={feed.full}
            />
            <ExportMenu source="events" dataParams={eventsDataParams(search)} />
          </span>
        </div>
        <FilterBar
          source="events"
          value={search.q}
          onChange={(q) => update({ q, sel: null }, 'push')}
          inputRef={filterInput}
          placeholder='Filter: pod=default/deathstar binary=kill event-type=exec capability=CAP_SYS_ADMIN …  (press /)'
        />
        {feed.error && feed.state === 'ready' && <p className="text-xs text-red-300">{feed.error}</p>}
        <div className="relative min-h-0 flex-1">
          <NewRowsButton count={feed.pending} noun={['event', 'events']} action="show" onClick={feed.showPending} />
          {feed.state === 'loading' && <p className="p-4 text-sm text-slate-400">Loading process events…</p>}
          {feed.state === 'error' && (
            <div className="rounded border border-red-900 bg-red-950/40 p-4 text-sm text-red-200" role="alert" data-testid="events-error">
              <p className="font-semibold">The events could not be loaded.</p>
              <p className="mt-1 font-mono text-xs">{feed.error}</p>
              <p className="mt-2 text-xs text-red-300">Fix or remove the filter above, or widen the time range.</p>
            </div>
          )}
          {feed.state === 'ready' && feed.rows.length === 0 && <EmptyState search={search} live={feed.live} />}
          {feed.state === 'ready' && feed.rows.length > 0 && (
            <LiveTable
              {...EVENT_TABLE}
              rows={feed.rows}
              selectedId={search.sel}
              onSelect={select}
              onOpen={open}
              onNearEnd={feed.loadMore}
              onAtTopChange={feed.setFollowing}
              scrollRef={tableScroll}
              virtualizerRef={virtualizerRef}
              footer={footer}
            />
          )}
        </div>
        <p className="text-[11px] text-slate-500">
          Keys: <kbd>/</kbd> filter · <kbd>g</kbd> table · <kbd>↑</kbd>/<kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear · <kbd>p</kbd> pause live. Click a value’s + / − to
          filter by it or exclude it; <TimelineIcon /> opens the pod’s process timeline.
        </p>
      </div>
    </FilterActionsProvider>
  );
}

function EmptyState({ search, live }: { search: ProcessesSearch; live: boolean }) {
  const filtered = search.q.trim() !== '' || search.range !== null || search.since !== null || search.until !== null;
  return (
    <div className="rounded border border-slate-800 bg-slate-900/50 p-6 text-sm text-slate-300" data-testid="events-empty">
      {filtered ? (
        <>
          <p className="font-semibold">No process event matches this filter and time range.</p>
          <p className="mt-1 text-slate-400">Remove a filter chip or choose a wider range (“all” covers everything retained).{live ? ' New matching events will appear here live.' : ''}</p>
        </>
      ) : (
        <>
          <p className="font-semibold">No process events are stored yet.</p>
          <p className="mt-1 text-slate-400">
            They arrive from Tetragon agents as processes run. Check that an agent is connected on the <a className="text-sky-300 underline" href={appUrl('/')}>overview</a>
            {live ? '; new events will appear here live.' : '.'}
          </p>
        </>
      )}
    </div>
  );
}
