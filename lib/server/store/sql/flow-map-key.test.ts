import { describe, expect, it } from 'vitest';
import { deathStarScenario } from '@/lib/agent/sources/scenario/death-star';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { flowRecord } from '@/lib/server/ingest/records';
import { flowMapKeyColumns, flowMapKeyText, flowMapKeyTextOf } from './flow-map-key';

describe('flowMapKeyTextOf', () => {
  it("is the text of the flow's key columns, for every flow of a Death Star cycle and its reply and unknown-direction variants", () => {
    const flows = [...deathStarScenario({ baseNs: 1_700_000_000_000_000_000n, loop: 0 })]
      .filter((item) => item.stream === 'hubble' && (item.json as HubbleFlowJson).flow)
      .map((item) => flowRecord(item.json as HubbleFlowJson).summary);
    expect(flows.length).toBeGreaterThan(100);
    const variants = flows.flatMap((f) => [f, { ...f, isReply: !f.isReply }, { ...f, isReply: null }]);
    const texts = new Set<string>();
    for (const f of variants) {
      const text = flowMapKeyText(flowMapKeyColumns(f));
      expect(flowMapKeyTextOf(f)).toBe(text);
      texts.add(text);
    }
    // The cycle covers many keys (not one repeated), so the comparison is not trivially true.
    expect(texts.size).toBeGreaterThan(20);
  });
});
