import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NavBar } from '@/components/nav-bar';
import './globals.css';

export const metadata: Metadata = {
  title: 'Holocron',
  description: 'Runtime forensics for Kubernetes: Tetragon process events and Hubble flows',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-full flex-col">
        <NavBar />
        <main className="flex-1 p-4">{children}</main>
      </body>
    </html>
  );
}
