import { describe, expect, it } from 'vitest';
import { localSide } from './local-endpoint';

describe('localSide', () => {
  it('is the destination for ingress requests and the source for their replies', () => {
    expect(localSide('INGRESS', false)).toBe('destination');
    expect(localSide('INGRESS', null)).toBe('destination');
    expect(localSide('INGRESS', true)).toBe('source');
  });
  it('is the source for egress requests and the destination for their replies', () => {
    expect(localSide('EGRESS', false)).toBe('source');
    expect(localSide('EGRESS', true)).toBe('destination');
  });
  it('is unknown without a direction', () => {
    expect(localSide('TRAFFIC_DIRECTION_UNKNOWN', false)).toBeNull();
  });
});
