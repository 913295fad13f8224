import type { BarTone } from '@/lib/domain/timeline/bar-tone';

/** Colours of the timeline, in one place: bars by how the process ended, ticks by what they did. */
export const BAR_CLASS: Record<BarTone, string> = {
  sigkill: 'bg-gradient-to-r from-red-600 to-red-500 shadow-[0_0_8px_rgba(239,68,68,0.55)]',
  signal: 'bg-orange-500',
  failed: 'bg-amber-500',
  ok: 'bg-sky-500',
  running: 'bg-gradient-to-r from-emerald-600 to-emerald-400',
  host: 'bg-slate-600/70',
  placeholder: 'border border-dashed border-slate-500 bg-transparent',
};

export const LABEL_CLASS: Record<BarTone, string> = {
  sigkill: 'font-semibold text-red-400',
  signal: 'text-orange-300',
  failed: 'text-amber-300',
  ok: 'text-slate-400',
  running: 'text-emerald-300',
  host: 'text-slate-500',
  placeholder: 'text-slate-500',
};

/** Canvas colours for the minimap (same meaning as BAR_CLASS). */
export const MINIMAP_COLOR: Record<BarTone, string> = {
  sigkill: '#ef4444',
  signal: '#f97316',
  failed: '#f59e0b',
  ok: '#0ea5e9',
  running: '#10b981',
  host: '#475569',
  placeholder: '#334155',
};

export const MARKER_CLASS: Record<string, string> = {
  connect: 'bg-violet-400 ring-violet-200',
  accept: 'bg-violet-400 ring-violet-200',
  sendmsg: 'bg-violet-300 ring-violet-100',
  close: 'bg-slate-300 ring-slate-100',
  read: 'bg-yellow-300 ring-yellow-100',
  open: 'bg-yellow-200 ring-yellow-50',
  write: 'bg-orange-400 ring-orange-200',
  truncate: 'bg-orange-400 ring-orange-200',
  unlink: 'bg-orange-400 ring-orange-200',
  setuid: 'bg-rose-400 ring-rose-200',
  lsm: 'bg-rose-400 ring-rose-200',
};
export const MARKER_DEFAULT = 'bg-slate-200 ring-white';
