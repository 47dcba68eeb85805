import { describe, expect, it } from 'vitest';
import { computeReports, prepareReports } from '../../src/renderer/src/domain/reports/compute';
import type { ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import {
  combinedCell,
  describeRates,
  moneyCell,
  percentCell,
  tableToCsv,
  tableToTsv,
  textCell,
} from '../../src/renderer/src/domain/reports/report-table';
import { change, deal, NOW, RATES } from './reports-fixtures';

describe('table cells', () => {
  it('show money in its currency and export a plain decimal of major units', () => {
    expect(moneyCell(123_456, 'EUR', null, { locale: 'en' })).toMatchObject({
      text: '€1,234.56',
      csv: '1234.56',
    });
    expect(moneyCell(1500, 'JPY', null, { locale: 'en' })).toMatchObject({
      text: '¥1,500',
      csv: '1500',
    });
    expect(moneyCell(5, 'KWD', null, { locale: 'en' }).csv).toBe('0.005');
    expect(
      combinedCell(
        {
          currency: 'EUR',
          minor: null,
          used: [],
          missing: [{ currency: 'CHF', date: '2026-03-31' }],
        },
        null,
      ),
    ).toMatchObject({
      text: 'no rate',
      csv: '',
    });
  });

  it('show shares as percentages, with a decimal below 10%, and a dash for nothing to divide', () => {
    expect(percentCell(0.5)).toMatchObject({ text: '50%', csv: '50.0' });
    expect(percentCell(0.0412)).toMatchObject({ text: '4.1%', csv: '4.1' });
    expect(percentCell(0)).toMatchObject({ text: '0%', csv: '0.0' });
    expect(percentCell(null)).toMatchObject({ text: '—', csv: '' });
  });

  it('name each rate once', () => {
    const rate = { from: 'USD', to: 'EUR', rate: '0.8', setId: 'r2', date: '2026-01-01' };
    expect(describeRates([rate, rate, { ...rate, from: 'GBP', rate: '2' }])).toBe(
      '1 USD = 0.8 EUR (rates of 2026-01-01); 1 GBP = 2 EUR (rates of 2026-01-01)',
    );
  });
});

describe('export', () => {
  const table: ReportTable = {
    id: 't',
    title: 'T',
    caption: '',
    columns: ['Stage', 'Value'],
    rows: [
      [textCell('=HYPERLINK("x")'), moneyCell(1_000_050, 'EUR', null, { locale: 'en' })],
      [textCell('Tab\there, "quoted"'), textCell('line\nbreak')],
    ],
    notes: [],
  };

  it('writes CSV for spreadsheets: BOM, CRLF, quoting, formula cells neutralized', () => {
    expect(tableToCsv(table)).toBe(
      '\ufeffStage,Value\r\n' +
        `"'=HYPERLINK(""x"")",10000.50\r\n` +
        `"Tab\there, ""quoted""","line\nbreak"\r\n`,
    );
  });

  it('copies as tab-separated text that pastes into cells', () => {
    expect(tableToTsv(table).split('\n')).toEqual([
      'Stage\tValue',
      '=HYPERLINK("x")\t€10,000.50',
      'Tab here, "quoted"\tline break',
    ]);
  });
});

describe('computeReports', () => {
  const deals = [
    deal({ status: 'contracted', event_date: '2026-03-20', currency: 'USD', amount_minor: 12_500 }),
  ];
  const prepared = prepareReports(
    {
      deals,
      history: [change(deals[0]!.id, 'confirmed', 'contracted', '2026-02-01T10:00:00.000Z')],
      participants: [],
      customers: [],
      touchpoints: [],
      tasks: [],
      assignments: [],
      members: [],
    },
    { now: NOW, timeZone: 'UTC', rateSets: RATES, reportingCurrency: 'EUR' },
  );

  it('refuses a filter it cannot use, saying why', () => {
    expect(
      computeReports(prepared, {
        from: '2026-04-01',
        to: '2026-03-01',
        ownerId: null,
        currency: null,
        tag: null,
      }),
    ).toEqual({
      ok: false,
      problems: [{ field: 'to', message: 'The end date is before the start date' }],
    });
    expect(
      computeReports(prepared, {
        from: '1 April',
        to: null,
        ownerId: null,
        currency: null,
        tag: null,
      }),
    ).toEqual({
      ok: false,
      problems: [{ field: 'from', message: '1 April is not a date (YYYY-MM-DD)' }],
    });
  });

  it('gives every figure a table with a caption and says which rates a combined figure used', () => {
    const result = computeReports(prepared, {
      from: null,
      to: null,
      ownerId: null,
      currency: null,
      tag: null,
    });
    if (!result.ok) throw new Error('refused');
    const ids = result.reports.tables.map((t) => t.id);
    expect(ids).toEqual([
      'revenue-combined-EUR',
      'revenue-USD',
      'pipeline-stages-combined-EUR',
      'pipeline-stages',
      'pipeline-conversion',
      'pipeline-days',
      'pipeline-win-rate',
      'pipeline-stale',
      'pipeline-holds-due',
      'pipeline-conflicts',
      'team',
      'team-completed-per-week',
      'engagement-touches',
      'engagement-not-touched',
      'engagement-most-engaged',
      'audience-lifecycle',
      'audience-tags',
      'audience-new',
      'audience-opt-in',
    ]);
    for (const table of result.reports.tables) {
      expect(table.caption.length, table.id).toBeGreaterThan(10);
      for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    }
    const combined = result.reports.tables[0]!;
    const march = combined.rows.find((row) => row[0]!.text === '2026-03')!;
    expect(march[combined.columns.indexOf('Won')]!.csv).toBe('100.00'); // $125 at 1.25
    expect(march[combined.columns.indexOf('Rates used')]!.text).toBe(
      '1 USD = 0.8 EUR (rates of 2026-01-01)',
    );
  });
});
