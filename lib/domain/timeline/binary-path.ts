/**
 * A binary's path split for display: the directory (drawn dimmed) and the file name (drawn bright).
 * The whole path is always shown — `/tmp/kworkerd` and `/usr/sbin/kworkerd` are different programs,
 * and the directory is often what gives a dropped binary away.
 */
export function splitBinaryPath(path: string): { dir: string; base: string } {
  const i = path.lastIndexOf('/');
  if (i < 0 || i === path.length - 1) return { dir: '', base: path };
  return { dir: path.slice(0, i + 1), base: path.slice(i + 1) };
}
