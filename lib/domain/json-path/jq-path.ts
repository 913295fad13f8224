/**
 * The path to a value in a JSON document, written the way `jq` reads it — what "copy path" in
 * the inspector puts on the clipboard, so a responder can paste it into
 * `tetra getevents -o json | jq '<path>'`. Keys that are not plain identifiers (label keys such as
 * "app.kubernetes.io/name", hostile keys with quotes or newlines) use the bracket form with a
 * JSON-escaped string, which jq parses back to exactly the same key.
 */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function jqPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '.';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += out === '' ? `.[${seg}]` : `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += `.${seg}`;
    else out += out === '' ? `.[${JSON.stringify(seg)}]` : `[${JSON.stringify(seg)}]`;
  }
  return out;
}
