import { describe, expect, it } from 'vitest';
import { demoDeal } from '../../src/renderer/src/domain/deals/demo-deals';
import { checkTransition, outcomeOf } from '../../src/renderer/src/domain/deals/statuses';

const TODAY = new Date('2026-12-07T09:30:00Z');
const DAY = 86_400_000;
/** The local calendar day of an instant (its UTC date is another day east or west of UTC). */
const localDate = (iso: string) => {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
};
const deals = [7, 11].flatMap((seed) =>
  Array.from({ length: 400 }, (_, index) => demoDeal(index, seed, TODAY)),
);

describe('demo deals walk the pipeline as real deals do', () => {
  it('each path starts as an inquiry, moves only as the status rules allow and ends at its status', () => {
    for (const deal of deals) {
      expect(deal.path[0]?.status).toBe('inquiry');
      expect(deal.path.at(-1)?.status).toBe(deal.status);
      for (let n = 1; n < deal.path.length; n += 1)
        expect(checkTransition(deal.path[n - 1]!.status, deal.path[n]!.status)).toEqual({
          ok: true,
        });
    }
  });

  it('dates each step after the one before, within the last year, none after today', () => {
    for (const deal of deals) {
      const times = deal.path.map((step) => Date.parse(step.at));
      for (let n = 1; n < times.length; n += 1) expect(times[n]!).toBeGreaterThan(times[n - 1]!);
      expect(times.at(-1)!).toBeLessThanOrEqual(TODAY.getTime());
      expect(times[0]!).toBeGreaterThan(TODAY.getTime() - 330 * DAY);
      expect(deal.idleDays).toBe(Math.round((TODAY.getTime() - times.at(-1)!) / DAY));
    }
  });

  it('a show is played on its event date and settled after it; an open deal waits for a later show', () => {
    for (const deal of deals) {
      const played = deal.path.find((step) => step.status === 'played');
      // The event date is a local calendar day (the show played that evening where it is).
      if (played) expect(localDate(played.at), played.at).toBe(deal.event_date);
      else if (outcomeOf(deal.status) !== 'lost')
        expect(deal.event_date > TODAY.toISOString().slice(0, 10)).toBe(true);
    }
  });

  it('has deals at several depths, some lost after a hold or an offer, none created at their final stage', () => {
    const lengths = new Set(deals.map((deal) => deal.path.length));
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(6);
    const lostLate = deals.filter(
      (deal) => outcomeOf(deal.status) === 'lost' && deal.path.length > 2,
    );
    expect(lostLate.length).toBeGreaterThan(0);
    expect(deals.filter((d) => d.status !== 'inquiry' && d.path.length === 1)).toEqual([]);
  });

  it('is the same deal, path included, for the same index, seed and day', () => {
    expect(demoDeal(3, 11, TODAY)).toEqual(demoDeal(3, 11, TODAY));
  });
});
