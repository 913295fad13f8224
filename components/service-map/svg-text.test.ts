import { describe, expect, it } from 'vitest';
import { charsFitting, fitText, shortCount } from './svg-text';

describe('fitText', () => {
  it('makes control and bidi characters visible before cutting', () => {
    expect(fitText('evil\u202egnp.exe', 40)).toBe('evil\\u202egnp.exe');
    expect(fitText('a\nb', 10)).toBe('a\\nb');
  });

  it('cuts to the room there is, with an ellipsis', () => {
    expect(fitText('deathstar-6c94dcc57b-7xk2p', 10)).toBe('deathstar…');
    expect(fitText('short', 10)).toBe('short');
    expect(charsFitting(256, 7)).toBe(36);
  });
});

describe('shortCount', () => {
  it('keeps counts to a few characters', () => {
    expect([7, 999, 1234, 45_678, 2_500_000].map(shortCount)).toEqual(['7', '999', '1.2k', '46k', '2.5M']);
  });
});
