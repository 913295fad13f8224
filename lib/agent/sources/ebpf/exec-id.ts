/** Tetragon's exec_id: base64 of "<node>:<kernel time of the exec in ns>:<pid>". */
export function execIdOf(node: string, ktimeNs: bigint, pid: number): string {
  return Buffer.from(`${node}:${ktimeNs}:${pid}`).toString('base64');
}

export function decodeExecIdParts(execId: string): { node: string; ktimeNs: bigint; pid: number } | null {
  const m = /^(.*):(\d+):(\d+)$/.exec(Buffer.from(execId, 'base64').toString('utf8'));
  return m ? { node: m[1]!, ktimeNs: BigInt(m[2]!), pid: Number(m[3]) } : null;
}

/** How Tetragon prints argv[1..]: space-joined, an argument holding a space in double quotes. */
export function joinArguments(argv: readonly string[]): string {
  return argv.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ');
}
