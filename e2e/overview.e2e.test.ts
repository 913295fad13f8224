import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { useScenarioBrowser } from './support/scenario-browser';

// The demo's promise: a newcomer opens the overview and sees live events within seconds.
describe('overview page with the real-time scenario agent', () => {
  const session = useScenarioBrowser();

  it('shows agents connected and live events arriving within 15 seconds', async () => {
    const page = await session.browser.newPage();
    const opened = Date.now();
    await page.goto(session.holocron.url);
    await page.getByTestId('agents-panel').getByText('connected').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('event-line').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('flow-line').first().waitFor({ timeout: 15_000 });
    expect(Date.now() - opened).toBeLessThan(15_000);

    // Live, not a snapshot: new lines arrive over SSE without a reload.
    const before = await page.getByTestId('count-events').textContent();
    const firstLine = await page.getByTestId('event-line').first().textContent();
    await page.waitForFunction(
      (prev) => document.querySelector('[data-testid="event-line"]')?.textContent !== prev,
      firstLine,
      { timeout: 15_000 },
    );
    await page.waitForFunction(
      (prev) => document.querySelector('[data-testid="count-events"]')?.textContent !== prev,
      before,
      { timeout: 10_000 },
    );
    await expect(page.getByText('● live').count()).resolves.toBe(1);
    await screenshot(page, 'overview');
  });
});
