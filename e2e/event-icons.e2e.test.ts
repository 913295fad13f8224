import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './support/browser';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

/**
 * The event-kind icons (tetra's 🚀 💥 🔌 …) on a desktop without an emoji font, as on a stock
 * Debian install: Chromium is started with a fontconfig that rejects every emoji font, so an
 * emoji in the page would be an empty box. Every icon must be drawn (inline SVG), and no emoji
 * may be visible as text (the emoji stays in the DOM only as screen-reader and copy text).
 */
describe('event-kind icons without an emoji font', () => {
  let holocron: RunningHolocron;
  let browser: Browser;
  let page: Page;
  let kill: { id: string; pod: string; execId: string };
  const fontDir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-fonts-'));

  beforeAll(async () => {
    fs.writeFileSync(
      path.join(fontDir, 'fonts.conf'),
      `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Emoji*</glob><glob>*emoji*</glob><glob>*Symbola*</glob></rejectfont></selectfont>
  <cachedir>${fontDir}/cache</cachedir>
</fontconfig>
`,
    );
    holocron = await startHolocron();
    browser = await launchChromium({ env: { FONTCONFIG_FILE: path.join(fontDir, 'fonts.conf') } });
    kill = await waitFor('the kill exec to be stored', async () => {
      const answer = await getJson<{ items: { id: string; pod: string; execId: string }[] }>(
        `${holocron.url}/api/events?q=${encodeURIComponent('binary=^/usr/bin/kill$ event-type=exec')}`,
      );
      return answer.items[0];
    });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
    fs.rmSync(fontDir, { recursive: true, force: true });
  });

  /** Pixels of a drawn emoji that are coloured (a colour emoji font draws many; a box or nothing, none). */
  const colouredEmojiPixels = (p: Page) =>
    p.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = c.height = 48;
      const g = c.getContext('2d')!;
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 48, 48);
      g.fillStyle = '#000';
      g.font = '32px sans-serif';
      g.fillText('🚀💥', 0, 36);
      const d = g.getImageData(0, 0, 48, 48).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 40) n++;
      return n;
    });

  /** Emoji in text the reader sees (outside .sr-only), and the drawn icons with their size. */
  const iconsOnPage = (p: Page) =>
    p.evaluate(() => {
      const visibleEmoji: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('.sr-only, script, style, [aria-hidden="true"] title')) continue;
        if (/\p{Extended_Pictographic}/u.test(n.textContent ?? '')) visibleEmoji.push(n.textContent!.trim().slice(0, 40));
      }
      const icons = [...document.querySelectorAll('[data-icon]')].map((el) => {
        const svg = el.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const path = svg?.querySelector('path');
        return { name: el.getAttribute('data-icon'), width: box?.width ?? 0, stroke: path ? getComputedStyle(path).stroke : 'none', length: path?.getTotalLength() ?? 0 };
      });
      return { visibleEmoji, icons };
    });

  it('has no emoji font: the precondition that makes the rest mean something', async () => {
    await page.goto(`${holocron.url}/`);
    expect(await colouredEmojiPixels(page)).toBe(0);
  });

  it.each([
    ['the event page', () => `/events/${kill.id}`, 'process-event-list'],
    ['the processes table', () => `/processes?q=${encodeURIComponent(`pod=default/${kill.pod}`)}`, 'events-table'],
    ['the pod timeline details', () => `/pods/default/${kill.pod}?sel=${encodeURIComponent(kill.execId)}`, 'details-events'],
  ])('%s draws every event-kind icon and shows no emoji as text', async (name, href, list) => {
    await page.goto(`${holocron.url}${href()}`);
    await page.getByTestId(list).locator('[data-icon]').first().waitFor({ timeout: 20_000 });
    const { visibleEmoji, icons } = await iconsOnPage(page);
    expect(visibleEmoji).toEqual([]);
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) {
      expect(icon.width, `${icon.name} has a size`).toBeGreaterThan(4);
      expect(icon.length, `${icon.name} has a drawn path`).toBeGreaterThan(0);
      expect(icon.stroke, `${icon.name} is stroked`).toMatch(/^(rgb|oklch|oklab|lab|lch|color)\(/);
    }
    // Exec and exit are always there in this pod's history.
    expect(icons.map((i) => i.name)).toEqual(expect.arrayContaining(['process', 'exit']));
    await screenshot(page, `icons-no-emoji-font-${name.replace(/\W+/g, '-')}`);
  });
});
