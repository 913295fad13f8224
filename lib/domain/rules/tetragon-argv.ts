/**
 * Tetragon sends a process's arguments as one string: argv[1..] joined by spaces, with an
 * argument that itself holds spaces wrapped in double quotes (inner quotes are not escaped).
 * Rules want the individual arguments (`kill -9 1` → is one of them exactly "1"?), so this
 * undoes that join as well as the format allows.
 */
export function splitTetragonArguments(args: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < args.length) {
    const ch = args[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      i++;
      continue;
    }
    if (ch === '"') {
      // A quoted argument ends at the first quote followed by a space or the end.
      let end = i + 1;
      while (end < args.length && !(args[end] === '"' && (end + 1 === args.length || args[end + 1] === ' '))) end++;
      if (end < args.length) {
        out.push(args.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let end = i;
    while (end < args.length && args[end] !== ' ' && args[end] !== '\t' && args[end] !== '\n') end++;
    out.push(args.slice(i, end));
    i = end;
  }
  return out;
}
