/** What changed between two resolutions of one name: addresses to connect and to close. */
export interface AddressDiff {
  found: string[];
  vanished: string[];
}

export function diffAddresses(before: Iterable<string>, after: Iterable<string>): AddressDiff {
  const prev = new Set(before);
  const next = new Set(after);
  return {
    found: [...next].filter((a) => !prev.has(a)),
    vanished: [...prev].filter((a) => !next.has(a)),
  };
}
