import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { startHolocron, type RunningHolocron } from './holocron-server';

/**
 * A Holocron fed by the looping Death Star scenario agent, and a Chromium to look at it, for the
 * whole describe block: started in beforeAll, stopped in afterAll. Read the fields inside tests.
 */
export function useScenarioBrowser(): { readonly holocron: RunningHolocron; readonly browser: Browser } {
  const session = {} as { holocron: RunningHolocron; browser: Browser };
  beforeAll(async () => {
    session.holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--loop'] });
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.holocron?.stop();
  });
  return session;
}
