/**
 * Tetragon's exec_id is base64("<node>:<kernel start ns>:<pid>"). Decoding it lets a placeholder for
 * a never-seen parent still show the parent's pid and node. Best effort: exec_ids from other
 * agents, or hostile ones, simply decode to null.
 */

export interface DecodedExecId {
  node: string;
  ktimeNs: string;
  pid: number;
}

export function decodeExecId(execId: string): DecodedExecId | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(execId) || execId.length % 4 !== 0) return null;
  let text: string;
  try {
    text = atob(execId);
  } catch {
    return null;
  }
  const m = /^([^:]*):(\d+):(\d+)$/.exec(text);
  if (!m) return null;
  const [, node = '', ktimeNs = '', pid = ''] = m;
  return { node, ktimeNs, pid: Number(pid) };
}
