import { describe, expect, it } from 'vitest';
import { parseTouchpointValue } from '../../src/renderer/src/domain/touchpoint-labels';

// The spend typed on a customer's Engagement tab: on the main of 2026-12-07 "1,200" was saved
// as 1.20 and "1,234.50" was refused as "Value must be zero or more".
describe('parseTouchpointValue', () => {
  it('reads a thousands comma as grouping, in hundredths', () => {
    expect(parseTouchpointValue('1,200')).toEqual({ ok: true, hundredths: 120_000 });
    expect(parseTouchpointValue('1,234.50')).toEqual({ ok: true, hundredths: 123_450 });
    expect(parseTouchpointValue('85')).toEqual({ ok: true, hundredths: 8_500 });
    expect(parseTouchpointValue(' 12.5 ')).toEqual({ ok: true, hundredths: 1_250 });
  });

  it('is no spend when empty, and says why text is not an amount', () => {
    expect(parseTouchpointValue('  ')).toEqual({ ok: true, hundredths: 0 });
    const bad = parseTouchpointValue('12 apples');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain('not an amount');
  });
});
