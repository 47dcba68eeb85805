/**
 * The touchpoints a load reads are those of the weeks the figures show, in the user's zone.
 * The load counted days in UTC and the figures in the zone: where the local day was already
 * in another week (Auckland on a Monday morning is still Sunday in UTC; New York on a Sunday
 * evening is already Monday), a complete load left the engagement figures "pending", needing
 * one more read on every visit, and no figures were kept for a later window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { createReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import { draft, freshDb } from './helpers';

const originalZone = process.env.TZ;
afterEach(() => {
  if (originalZone === undefined) delete process.env.TZ;
  else process.env.TZ = originalZone;
});

describe('a load in a zone whose day is in another week than UTC’s', () => {
  for (const [zone, now] of [
    // Sunday noon UTC: Monday 01:00 in Auckland.
    ['Pacific/Auckland', '2026-12-06T12:00:00Z'],
    // Monday 01:00 UTC: Sunday 20:00 in New York.
    ['America/New_York', '2026-12-07T01:00:00Z'],
    ['UTC', '2026-12-06T12:00:00Z'],
  ] as const)
    it(`${zone} at ${now}: the figures need no other touchpoints than those read`, async () => {
      process.env.TZ = zone;
      const db = freshDb();
      const customers = createCustomerService(db);
      const created = await customers.create(draft({ first_name: 'Ana' }), 'NZ');
      if (!created.ok) throw new Error('setup failed');
      await customers.addTouchpoint(created.value, {
        kind: 'call',
        occurred_at: new Date(Date.parse(now) - 3 * 86_400_000).toISOString(),
        summary: '',
        value: 0,
      });
      const engine = createReportEngine(db);
      try {
        await engine.load(new Date(now), 'all');
        const view = engine.compute(NO_REPORT_FILTER);
        if (!view.ok) throw new Error('refused');
        expect(view.needsTouchpoints).toBe(false);
        expect(view.pending).toEqual([]);
        expect(await engine.ensureTouchpoints(NO_REPORT_FILTER)).toBe(false);
      } finally {
        engine.stop();
        db.close();
      }
    });
});
