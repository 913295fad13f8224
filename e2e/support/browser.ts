import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { E2E_TOKEN } from './e2e-token';

/**
 * Debian's Chromium driven by playwright-core (no browser download on these machines). Pages
 * and contexts send the test servers' token as a Bearer header unless `anonymous` is set (the
 * auth tests log in through the form instead).
 */
export async function launchChromium(opts: { anonymous?: boolean; env?: Record<string, string> } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...(opts.env ? { env: { ...process.env, ...opts.env } as Record<string, string> } : {}),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  if (opts.anonymous) return browser;
  const auth = { authorization: `Bearer ${E2E_TOKEN}` };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ ...options, extraHTTPHeaders: { ...auth, ...options.extraHTTPHeaders } });
  browser.newPage = async (options = {}) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on('close', () => void context.close().catch(() => {}));
    return page;
  };
  return browser;
}

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/** Screenshots are kept as test artifacts under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
