import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error';
import { readJsonBody } from './read-json-body';

const req = (body: string | null, headers: Record<string, string> = {}) =>
  new Request('http://x/api/falco/alerts', { method: 'POST', body, headers });

async function status(p: Promise<unknown>): Promise<[number, string]> {
  try {
    await p;
    return [200, ''];
  } catch (e) {
    if (e instanceof HttpError) return [e.status, e.message];
    throw e;
  }
}

describe('readJsonBody', () => {
  it('reads JSON within the limit', async () => {
    await expect(readJsonBody(req('{"rule":"x"}'), 100)).resolves.toEqual({ rule: 'x' });
  });

  it('answers 413 for a declared or an actual size over the limit', async () => {
    expect(await status(readJsonBody(req('{}', { 'content-length': '5000' }), 100))).toEqual([413, 'body is 5000 bytes; the limit is 100 bytes']);
    expect((await status(readJsonBody(req(`"${'x'.repeat(200)}"`), 100)))[0]).toBe(413);
  });

  it('answers 400 naming the problem for an empty or non-JSON body', async () => {
    expect(await status(readJsonBody(req(''), 100))).toEqual([400, 'body: empty; send the alert as JSON (Falco: json_output: true)']);
    const [code, message] = await status(readJsonBody(req('09:14:06: Warning x'), 100));
    expect(code).toBe(400);
    expect(message).toMatch(/^body: not JSON \(.*\); Falco must run with json_output: true$/);
  });
});
