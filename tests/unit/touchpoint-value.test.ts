import { describe, expect, it } from 'vitest';
import {
  formatTouchpointValue,
  parseTouchpointValue,
} from '../../src/renderer/src/domain/touchpoint-labels';

// The spend typed on a customer's Engagement tab: on the main of 2026-12-07 "1,200" was saved
// as 1.20 and "1,234.50" was refused as "Value must be zero or more".
describe('parseTouchpointValue', () => {
  it('reads a thousands comma as grouping, in minor units', () => {
    expect(parseTouchpointValue('1,200', 'USD')).toEqual({ ok: true, minor: 120_000 });
    expect(parseTouchpointValue('1,234.50', 'USD')).toEqual({ ok: true, minor: 123_450 });
    expect(parseTouchpointValue('85', 'USD')).toEqual({ ok: true, minor: 8_500 });
    expect(parseTouchpointValue(' 12.5 ', 'USD')).toEqual({ ok: true, minor: 1_250 });
  });

  it('is no spend when empty, and says why text is not an amount', () => {
    expect(parseTouchpointValue('  ', 'USD')).toEqual({ ok: true, minor: 0 });
    const bad = parseTouchpointValue('12 apples', 'USD');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain('not an amount');
  });

  // The spend is kept in minor units of the currency it names, as deals keep money.
  it('reads the amount in the currency given: cents, or whole yen', () => {
    expect(parseTouchpointValue('1,200', 'EUR')).toEqual({ ok: true, minor: 120_000 });
    expect(parseTouchpointValue('1,200', 'JPY')).toEqual({ ok: true, minor: 1_200 });
  });
});

describe('formatTouchpointValue', () => {
  it('names the currency, and shows an older touchpoint without one as it was', () => {
    expect(formatTouchpointValue({ value: 120_000, currency: 'EUR' }, 'en-US')).toBe('€1,200.00');
    expect(formatTouchpointValue({ value: 1_200, currency: 'JPY' }, 'en-US')).toBe('¥1,200');
    expect(formatTouchpointValue({ value: 120_000 }, 'en-US')).toBe('1200.00');
  });
});
