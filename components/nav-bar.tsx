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

export function NavBar() {
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
      <form method="post" action={appUrl('/api/logout')} className="ml-auto">
        <button type="submit" className="text-xs text-slate-400 hover:text-white">
          Log out
        </button>
      </form>
    </header>
  );
}
