import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { chartData } from '../../src/renderer/src/domain/reports/chart-spec';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import { createDemoDataService } from '../../src/renderer/src/services/crm/demo/demo-data-service';
import { createReportEngine } from '../../src/renderer/src/services/crm/reports/report-engine';
import { createReportSettingsService } from '../../src/renderer/src/services/crm/reports/report-settings-service';
import { freshDb } from './helpers';

let db: CrmDatabase;

beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const NOW = new Date('2026-12-06T12:00:00Z');

async function tables(filter = NO_REPORT_FILTER): Promise<ReportTable[]> {
  const engine = createReportEngine(db);
  await engine.load(NOW);
  const view = engine.compute(filter);
  if (!view.ok) throw new Error(view.problems.map((p) => p.message).join());
  return view.tables;
}

describe('the reports engine over the database', () => {
  it('computes every figure from demo data, per currency, and combined once a currency and rates are set', async () => {
    await createDemoDataService(db).loadDemoDeals();
    const before = await tables();
    expect(before.some((t) => t.id.startsWith('revenue-combined'))).toBe(false);
    const currencies = [...new Set((await db.event_deals.toArray()).map((d) => d.currency))];
    const settings = createReportSettingsService(db);
    expect(await settings.setReportingCurrency('eur')).toEqual({ ok: true, value: undefined });
    const rates = Object.fromEntries(currencies.map((c) => [c, c === 'EUR' ? '1' : '1.25']));
    const saved = await settings.saveRateSet({ date: '2020-01-01', base: 'EUR', rates });
    expect(saved.ok).toBe(true);
    const after = await tables();
    const combined = after.find((t) => t.id === 'revenue-combined-EUR')!;
    expect(combined.rows.at(-1)![0]!.text).toBe('Total');
    expect(combined.rows.at(-1)!.at(-1)!.text).not.toBe('no conversion needed');
  });

  it('demo deals show how deals move: conversion, days in stage and win rate are not empty', async () => {
    await createDemoDataService(db).loadDemoDeals();
    const engine = createReportEngine(db);
    // The demo is dated from the clock, so the figures are read at the same clock.
    await engine.load(new Date());
    const view = engine.compute(NO_REPORT_FILTER);
    if (!view.ok) throw new Error('refused');
    const byStage = (id: string) =>
      new Map(view.tables.find((t) => t.id === id)!.rows.map((row) => [row[0]!.text, row]));
    const conversion = byStage('pipeline-conversion');
    // Inquiry: entered, reached hold or later (share), won later.
    expect(Number(conversion.get('Inquiry')![1]!.csv)).toBeGreaterThan(0);
    expect(Number(conversion.get('Inquiry')![4]!.csv)).toBeGreaterThan(0);
    expect(Number(conversion.get('Inquiry')![6]!.csv)).toBeGreaterThan(0);
    expect(Number(conversion.get('Hold')![4]!.csv)).toBeGreaterThan(0);
    const days = byStage('pipeline-days');
    for (const stage of ['Inquiry', 'Hold', 'Confirmed'])
      expect(Number(days.get(stage)![3]!.csv)).toBeGreaterThan(0);
    const [won, lost] = view.tables.find((t) => t.id === 'pipeline-win-rate')!.rows[0]!;
    expect(Number(won!.csv)).toBeGreaterThan(0);
    expect(Number(lost!.csv)).toBeGreaterThan(0);
  });

  it('refuses a rate set with problems in words and keeps nothing', async () => {
    const settings = createReportSettingsService(db);
    const refused = await settings.saveRateSet({
      date: '2026-02-31',
      base: 'EUR',
      rates: { USD: '0' },
    });
    expect(refused).toEqual({
      ok: false,
      error: [
        '2026-02-31 is not a date (YYYY-MM-DD)',
        'The rate for USD must be a number above 0 (it is 0)',
      ],
    });
    expect(await settings.setReportingCurrency('euro')).toEqual({
      ok: false,
      error: 'euro is not a currency code (three letters, like EUR)',
    });
    expect(await db.app_settings.count()).toBe(0);
  });

  it('every count on a chart has as many rows behind it in the list it opens', async () => {
    await createDemoDataService(db).loadDemoDeals();
    const engine = createReportEngine(db);
    await engine.load(NOW);
    const view = engine.compute(NO_REPORT_FILTER);
    if (!view.ok) throw new Error('refused');
    const stages = view.tables.find((t) => t.id === 'pipeline-stages')!;
    const chart = chartData(stages)!;
    expect(chart.rows.length).toBeGreaterThan(0);
    for (const row of chart.rows) {
      const [key] = Object.keys(row.values);
      const list = engine.behind(row.drills[key!]!);
      expect(list?.total).toBe(row.values[key!]);
    }
  });
});

describe('charts read their tables', () => {
  const cell = (text: string, csv = text) => ({ text, csv, drill: null });
  const revenue: ReportTable = {
    id: 'revenue-EUR',
    title: 'Revenue',
    caption: '',
    columns: [
      'Month',
      'Contracted',
      'Won',
      'Hold (weighted)',
      'Forecast (weighted)',
      'Won + forecast',
    ],
    rows: [
      [
        cell('2026-01'),
        cell('€10.00', '10.00'),
        cell('€10.00', '10.00'),
        cell('€5.00', '5.00'),
        cell('€5.00', '5.00'),
        cell('€15.00', '15.00'),
      ],
      [
        cell('Total'),
        cell('€10.00', '10.00'),
        cell('€10.00', '10.00'),
        cell('€5.00', '5.00'),
        cell('€5.00', '5.00'),
        cell('€15.00', '15.00'),
      ],
      [
        cell('No event date'),
        cell('€1.00', '1.00'),
        cell('€1.00', '1.00'),
        cell('€0.00', '0.00'),
        cell('€0.00', '0.00'),
        cell('€1.00', '1.00'),
      ],
    ],
    notes: [],
  };

  it('stacks the status layers (not their sums), in euros, leaving totals and undated rows to the table', () => {
    const chart = chartData(revenue)!;
    expect(chart.spec.stacked).toBe(true);
    expect(chart.currency).toBe('EUR');
    expect(chart.series.map((s) => s.label)).toEqual(['Contracted', 'Hold (weighted)']);
    expect(chart.rows).toEqual([
      { category: '2026-01', values: { s1: 10, s3: 5 }, drills: { s1: null, s3: null } },
    ]);
  });

  it('lists (holds due, conflicts) have no chart', () => {
    expect(chartData({ ...revenue, id: 'pipeline-holds-due' })).toBeNull();
  });
});
