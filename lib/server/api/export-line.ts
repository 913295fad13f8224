/**
 * A stored line as the CLIs print it: Holocron's own marks (`_holocron`: receive time of a line
 * that had none, bytes of fields this schema does not know) stay in the store, the API and the
 * inspector, and are left out of exports. Only lines that carry the key are parsed again: inside a
 * JSON string its quotes would be escaped, so `"_holocron":` appears in the text only as a key.
 */
export const HOLOCRON_MARK = '"_holocron":';

export function exportLine(json: string): string {
  if (!json.includes(HOLOCRON_MARK)) return json;
  const line = JSON.parse(json) as Record<string, unknown>;
  if (!('_holocron' in line)) return json;
  delete line._holocron;
  return JSON.stringify(line);
}
