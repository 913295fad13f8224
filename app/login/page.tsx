import { appUrl } from '@/components/url-state/app-url';
import { safeNext } from '@/lib/server/auth/safe-next';

export const dynamic = 'force-dynamic';

/** The login form: the access token printed at start (or HOLOCRON_TOKEN) opens a session. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNext(typeof params.next === 'string' ? params.next : null);
  const error = typeof params.error === 'string' ? params.error : null;
  return (
    <div className="mx-auto mt-24 max-w-sm rounded border border-slate-800 bg-slate-900/60 p-6">
      <h1 className="mb-1 text-lg font-semibold text-sky-300">Holocron</h1>
      <p className="mb-4 text-sm text-slate-400">Enter the access token. It is printed by the server at start, or set with HOLOCRON_TOKEN.</p>
      {error === 'invalid' && <p className="mb-3 rounded bg-red-950 p-2 text-sm text-red-300" role="alert">That token is not valid.</p>}
      {error === 'rate' && <p className="mb-3 rounded bg-amber-950 p-2 text-sm text-amber-300" role="alert">Too many wrong tokens from this address. Wait a little and try again; each further wrong one doubles the wait.</p>}
      <form method="post" action={appUrl('/api/login')} className="flex flex-col gap-3">
        <input type="hidden" name="next" value={next} />
        <input
          type="password"
          name="token"
          autoComplete="current-password"
          autoFocus
          required
          aria-label="Access token"
          placeholder="access token"
          className="rounded border border-slate-700 bg-slate-950 px-2 py-1 font-mono text-sm"
        />
        <button type="submit" className="rounded bg-sky-700 px-3 py-1 text-sm font-medium hover:bg-sky-600">
          Log in
        </button>
      </form>
    </div>
  );
}
