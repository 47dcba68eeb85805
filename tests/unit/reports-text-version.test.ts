/**
 * Figures kept for a later window are found by a key that includes the version of the words
 * the tables are written in (REPORT_TEXT_VERSION): after an upgrade that writes them
 * otherwise, figures kept by the old build are not shown (they showed ISO dates for seconds).
 * The fingerprint below fails this test when a table's text changes and the version does not.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeReports,
  DEFAULT_REPORT_OPTIONS,
  prepareReports,
} from '../../src/renderer/src/domain/reports/compute';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import { REPORT_TEXT_VERSION } from '../../src/renderer/src/domain/reports/report-table';
import {
  resultKey,
  standingResult,
  type Standing,
} from '../../src/renderer/src/services/crm/reports/report-kept-results';
import type { KeptResult } from '../../src/renderer/src/services/crm/reports/report-snapshot-store';
import { change, customer, deal, NOW, RATES } from './reports-fixtures';

/** The text of every table of a fixed set of deals (titles, captions, cells, drills, notes). */
function tablesText(): string {
  const deals = [
    deal({ title: 'A', status: 'contracted', event_date: '2026-03-20', currency: 'USD' }),
    deal({ title: 'B', status: 'contracted', event_date: '2026-04-02', currency: 'CHF' }),
    deal({ title: 'C', status: 'hold', hold_level: 1, event_date: '2026-03-28' }),
    deal({ title: 'D', status: 'hold', hold_level: 2, event_date: '2026-03-28' }),
    deal({ title: 'E', status: 'confirmed', event_date: '2031-01-10' }),
  ];
  const prepared = prepareReports(
    {
      deals,
      history: [change(deals[0]!.id, 'confirmed', 'contracted', '2026-02-01T10:00:00.000Z')],
      participants: [],
      customers: [customer({ created_at: '2026-02-03T10:00:00.000Z' })],
      touchpoints: [],
      tasks: [],
      assignments: [],
      members: [],
    },
    { now: NOW, timeZone: 'UTC', rateSets: RATES, reportingCurrency: 'EUR' },
  );
  const result = computeReports(prepared, NO_REPORT_FILTER, {
    ...DEFAULT_REPORT_OPTIONS,
    locale: 'en-US',
  });
  if (!result.ok) throw new Error('refused');
  return JSON.stringify(
    result.reports.tables.map((t) => [
      t.title,
      t.caption,
      t.columns,
      t.notes,
      t.rows.map((row) => row.map((cell) => [cell.text, cell.drill?.label ?? null])),
    ]),
  );
}

/** The tables' text at each version (sha-256, first 16 hex digits). */
const FINGERPRINTS: Record<number, string> = {
  2: 'dcdfd637cbf51a94',
  3: '501c7c442e8c81f9',
};

describe('the words the kept figures are written in', () => {
  it('change only with REPORT_TEXT_VERSION (raise it, and record the new fingerprint)', () => {
    const fingerprint = createHash('sha256').update(tablesText()).digest('hex').slice(0, 16);
    expect(
      fingerprint,
      'a table’s text changed: raise REPORT_TEXT_VERSION (report-table.ts) and record this',
    ).toBe(FINGERPRINTS[REPORT_TEXT_VERSION]);
  });

  it('figures kept by the build before this text version are not found; its own stand', () => {
    const options = { ...DEFAULT_REPORT_OPTIONS, locale: 'en-US' };
    const now: Standing = {
      key: resultKey(NO_REPORT_FILTER, options),
      generation: 'g1',
      lastSeq: 7,
      settings: '{}',
      day: '2026-03-15',
    };
    const kept = (key: string): KeptResult<string> => ({
      generation: 'g1',
      seq: 7,
      settings: '{}',
      day: '2026-03-15',
      key,
      view: key,
    });
    // The key the build before wrote (version 1 had none in it).
    const before = JSON.stringify([NO_REPORT_FILTER, options]);
    expect(resultKey(NO_REPORT_FILTER, options, 1)).not.toBe(resultKey(NO_REPORT_FILTER, options));
    expect(standingResult([kept(before)], now)).toBeNull();
    expect(
      standingResult([kept(resultKey(NO_REPORT_FILTER, options, REPORT_TEXT_VERSION - 1))], now),
    ).toBeNull();
    expect(standingResult([kept(now.key)], now)?.view).toBe(now.key);
  });
});
