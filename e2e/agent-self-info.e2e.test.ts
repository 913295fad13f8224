import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser';
import { useScenarioBrowser } from './support/scenario-browser';

// The overview shows what each agent says about itself: Tetragon's health and tracing policies,
// Hubble's server status and nodes (Holocron's own agent answers like the real ones).
describe('agent self-info on the overview', () => {
  const session = useScenarioBrowser();

  it("shows Tetragon's health and policies and Hubble's status and nodes", async () => {
    const page = await session.browser.newPage();
    await page.goto(session.holocron.url);
    const report = page.getByTestId('agent-self-report');
    await report.getByTestId('agent-health').first().waitFor({ timeout: 20_000 });
    await expect(report.getByTestId('agent-health').first().textContent()).resolves.toContain('RUNNING');
    await expect(report.getByTestId('agent-policies').first().textContent()).resolves.toMatch(/\d+ tracing polic/);
    await report.getByTestId('agent-server-status').first().waitFor({ timeout: 20_000 });
    await expect(report.getByTestId('agent-server-status').first().textContent()).resolves.toMatch(/flows \d+ \/ 65535 in buffer/);
    // Nodes are the ones the agent's flows came from: known at the next refresh (every 15 s).
    await report.getByTestId('agent-nodes').first().waitFor({ timeout: 40_000 });
    await expect(report.getByTestId('agent-nodes').first().textContent()).resolves.toContain('connected');
    await screenshot(page, 'agent-self-info');
  });
});
