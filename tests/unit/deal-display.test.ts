// Deal dates, money and probability as the board and the deal page write them.
import { describe, expect, it } from 'vitest';
import {
  describeProbability,
  formatDealDate,
  formatPercent,
} from '../../src/renderer/src/domain/deals/deal-display';

describe('deal display', () => {
  it('writes the event date in the user locale, as a calendar date (no time zone shift)', () => {
    expect(formatDealDate('2026-12-05', 'en-US')).toBe('Dec 5, 2026');
    expect(formatDealDate('2026-12-05', 'de-DE')).toBe('5. Dez. 2026');
    expect(formatDealDate('2026-12-05', 'en-GB')).toBe('5 Dec 2026');
    expect(formatDealDate(null, 'en-US')).toBe('No date');
  });

  it('writes the probability as a percentage with what it does to the forecast', () => {
    expect(describeProbability({ status: 'offer', probability: 60 }, 'en-US')).toBe(
      '60% · weighted into forecast',
    );
    expect(describeProbability({ status: 'inquiry', probability: null }, 'en-US')).toMatch(
      /^\d+% · weighted into forecast \(stage default\)$/,
    );
    expect(describeProbability({ status: 'contracted', probability: 30 }, 'en-US')).toBe(
      '100% · won, counted in full',
    );
    expect(describeProbability({ status: 'cancelled', probability: 30 }, 'en-US')).toBe(
      '0% · lost, not in the forecast',
    );
    expect(formatPercent(60, 'fr-FR')).toMatch(/^60\s%$/);
  });
});
