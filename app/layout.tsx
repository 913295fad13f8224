import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { NavBar } from '@/components/nav-bar';
import { requestIdentity } from '@/lib/server/auth/request-identity';
import './globals.css';

export const metadata: Metadata = {
  title: 'Holocron',
  description: 'Runtime forensics for Kubernetes: Tetragon process events and Hubble flows',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const who = requestIdentity(await headers());
  return (
    <html lang="en">
      <body className="flex min-h-full flex-col">
        <NavBar user={who ? { name: who.user, email: who.email } : null} />
        <main className="flex-1 p-4">{children}</main>
      </body>
    </html>
  );
}
