// Demo data looks like real work: touchpoints and deal moves dated in local office hours (they
// fell at night) on weekdays (they fell on weekends), shows in the evening, summaries that fit
// their kind, and touchpoints' spend carries the app's default currency (it had none).
import { afterEach, describe, expect, it } from 'vitest';
import { demoDeal } from '../../src/renderer/src/domain/deals/demo-deals';
import { isWeekend, lastWorkMoment } from '../../src/renderer/src/domain/demo-hours';
import { demoPerson } from '../../src/renderer/src/domain/demo-people';
import { writeSetting } from '../../src/renderer/src/db/app-settings';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { freshDb } from './helpers';

const ZONES = ['UTC', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Tokyo'];
const originalZone = process.env.TZ;

afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

/** Minutes since local midnight: office hours are 9:00 to 17:59. */
function localMinute(iso: string): number {
  const at = new Date(iso);
  return at.getHours() * 60 + at.getMinutes();
}

function localDay(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

function expectOfficeHours(iso: string) {
  expect(localMinute(iso), iso).toBeGreaterThanOrEqual(9 * 60);
  expect(localMinute(iso), iso).toBeLessThan(18 * 60);
}

describe('demo deal history in office hours', () => {
  for (const zone of ZONES)
    for (const hour of [7, 12, 22]) {
      it(`${zone}, now at ${hour}:30 local: every move in office hours, none after now, a show played on its date`, () => {
        process.env.TZ = zone;
        const now = new Date(2026, 11, 7, hour, 30);
        for (let index = 0; index < 300; index += 1) {
          const deal = demoDeal(index, 7, now);
          const times = deal.path.map((step) => Date.parse(step.at));
          for (const step of deal.path) expectOfficeHours(step.at);
          for (let n = 1; n < times.length; n += 1)
            expect(times[n]!).toBeGreaterThan(times[n - 1]!);
          expect(times.at(-1)!).toBeLessThanOrEqual(now.getTime());
          const played = deal.path.find((step) => step.status === 'played');
          if (played) expect(localDay(played.at)).toBe(deal.event_date);
        }
      });
    }

  it('the last office moment: now in the day, the day’s end after it, yesterday’s end before it', () => {
    process.env.TZ = 'Europe/Berlin';
    expect(lastWorkMoment(new Date(2026, 11, 7, 11, 5))).toEqual(new Date(2026, 11, 7, 11, 5));
    expect(lastWorkMoment(new Date(2026, 11, 7, 23, 0))).toEqual(new Date(2026, 11, 7, 18, 0));
    // Early on a Monday, and at the weekend: Friday's end (it was Sunday's, 2026-12-06).
    expect(lastWorkMoment(new Date(2026, 11, 7, 3, 0))).toEqual(new Date(2026, 11, 4, 18, 0));
    expect(lastWorkMoment(new Date(2026, 11, 6, 12, 0))).toEqual(new Date(2026, 11, 4, 18, 0));
    expect(lastWorkMoment(new Date(2026, 11, 5, 20, 0))).toEqual(new Date(2026, 11, 4, 18, 0));
    expect(lastWorkMoment(new Date(2026, 11, 8, 8, 0))).toEqual(new Date(2026, 11, 7, 18, 0));
  });

  // On the main of 2026-12-07 deals were offered and confirmed on Saturdays and Sundays.
  for (const zone of ZONES)
    it(`${zone}: every move on a weekday but a show played on its date (a weekend night too)`, () => {
      process.env.TZ = zone;
      // A Monday morning, a Saturday and a Wednesday evening as "now".
      for (const now of [
        new Date(2026, 11, 7, 8, 0),
        new Date(2026, 11, 12, 15, 0),
        new Date(2026, 11, 9, 21, 0),
      ])
        for (let index = 0; index < 300; index += 1) {
          const deal = demoDeal(index, 7, now);
          for (const step of deal.path)
            if (step.status !== 'played') expect(isWeekend(new Date(step.at)), step.at).toBe(false);
          const times = deal.path.map((step) => Date.parse(step.at));
          for (let n = 1; n < times.length; n += 1)
            expect(times[n]!).toBeGreaterThan(times[n - 1]!);
          expect(times.at(-1)!).toBeLessThanOrEqual(now.getTime());
        }
    });
});

describe('demo touchpoints', () => {
  for (const zone of ZONES)
    it(`${zone}: office work on weekdays in office hours, shows in the evening`, () => {
      process.env.TZ = zone;
      let shows = 0;
      for (let index = 0; index < 500; index += 1)
        for (const touch of demoPerson(index, 1).touchpoints) {
          if (touch.kind === 'show-attended') {
            shows += 1;
            expect(localMinute(touch.occurred_at), touch.occurred_at).toBeGreaterThanOrEqual(
              19 * 60,
            );
            continue;
          }
          expectOfficeHours(touch.occurred_at);
          // On the main of 2026-12-07 a call or a meeting fell on a Saturday or a Sunday.
          expect(isWeekend(new Date(touch.occurred_at)), touch.occurred_at).toBe(false);
        }
      expect(shows).toBeGreaterThan(50);
    });

  // On the main of 2026-12-07 a call said "Bought two tickets" and a show "Sent the tech
  // rider": the summary was drawn apart from the kind. And a call had a spend.
  it('say what their kind does, and only purchases and shows spend', () => {
    const kindsOf = new Map<string, Set<string>>();
    for (let index = 0; index < 500; index += 1)
      for (const touch of demoPerson(index, 1).touchpoints) {
        const kinds = kindsOf.get(touch.summary) ?? new Set<string>();
        kindsOf.set(touch.summary, kinds.add(touch.kind));
        if (touch.kind !== 'ticket-purchase' && touch.kind !== 'show-attended')
          expect(touch.value, `${touch.kind}: ${touch.summary}`).toBe(0);
      }
    for (const [summary, kinds] of kindsOf) expect([...kinds], summary).toHaveLength(1);
    expect([...(kindsOf.get('Bought two tickets') ?? [])]).toEqual(['ticket-purchase']);
    expect([...(kindsOf.get('Came to the late show') ?? [])]).toEqual(['show-attended']);
    expect([...(kindsOf.get('Sent the tech rider') ?? [])]).toEqual(['email']);
  });

  it('keep the people the seed always gave (the time of day has its own random stream)', () => {
    process.env.TZ = 'UTC';
    // Person 6 of seed 1 as main gave it before the times moved into office hours.
    const person = demoPerson(6, 1);
    expect([person.first_name, person.last_name, person.emails[0]]).toEqual([
      'Olivia',
      'Yılmaz',
      'olivia.yilmaz6@booking-agency.co.uk',
    ]);
    expect(
      person.touchpoints.map((touch) => [touch.kind, touch.value, touch.occurred_at.slice(0, 10)]),
    ).toEqual([
      ['show-attended', 0, '2026-05-22'],
      ['call', 0, '2026-04-28'],
      ['show-attended', 0, '2026-11-19'],
    ]);
  });

  it('the demo seed writes the spend in the reporting currency, else the region’s', async () => {
    const db = freshDb();
    await writeSetting(db, 'defaultRegion', 'DE');
    await createDemoDataService(db).seed(20);
    const touches = await db.customer_engagement_metrics.toArray();
    expect(touches.length).toBeGreaterThan(5);
    expect(new Set(touches.map((touch) => touch.currency))).toEqual(new Set(['EUR']));

    const other = freshDb();
    await writeSetting(other, 'reportingCurrency', 'GBP');
    await createDemoDataService(other).seed(20);
    const theirs = await other.customer_engagement_metrics.toArray();
    expect(new Set(theirs.map((touch) => touch.currency))).toEqual(new Set(['GBP']));
  });
});
