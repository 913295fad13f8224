import Link from 'next/link';
import { appUrl } from '@/components/url-state/app-url';

/** The pages a responder moves between. */
const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/map', label: 'Service map' },
  { href: '/flows', label: 'Flows' },
  { href: '/processes', label: 'Processes' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/import', label: 'Import' },
];

/** Who is signed in, when an authenticating proxy says so (lib/server/auth/proxy-identity.ts). */
export interface SignedInUser {
  name: string;
  email: string | null;
}

export function NavBar({ user = null }: { user?: SignedInUser | null }) {
  return (
    <header className="flex items-center gap-6 border-b border-slate-800 bg-slate-950 px-4 py-2">
      <Link href="/" className="font-semibold tracking-wide text-sky-300">
        ◎ Holocron
      </Link>
      <nav className="flex gap-4 text-sm text-slate-300">
        {LINKS.map((l) => (
          <Link key={l.href} href={l.href} className="hover:text-white">
            {l.label}
          </Link>
        ))}
      </nav>
      {user ? (
        // Signed in at the proxy: signing out is the proxy's (oauth2-proxy's /oauth2/sign_out).
        <span className="ml-auto flex items-center gap-3 text-xs text-slate-400">
          <span className="max-w-[16rem] truncate text-slate-200" data-testid="signed-in-user" title={`${user.email ?? user.name} (from the authenticating proxy)`}>
            {user.name}
          </span>
          <a href="/oauth2/sign_out" className="hover:text-white">
            Sign out
          </a>
        </span>
      ) : (
        <form method="post" action={appUrl('/api/logout')} className="ml-auto">
          <button type="submit" className="text-xs text-slate-400 hover:text-white">
            Log out
          </button>
        </form>
      )}
    </header>
  );
}
