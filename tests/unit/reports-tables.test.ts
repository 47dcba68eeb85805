import { describe, expect, it } from 'vitest';
import {
  computeReports,
  DEFAULT_REPORT_OPTIONS,
  prepareReports,
} from '../../src/renderer/src/domain/reports/compute';
import type { ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import {
  combinedCell,
  dayCell,
  describeRates,
  formatReportDay,
  formatReportMonth,
  moneyCell,
  monthCell,
  percentCell,
  tableToCsv,
  tableToTsv,
  textCell,
} from '../../src/renderer/src/domain/reports/report-table';
import { textColumns } from '../../src/renderer/src/components/reports/ReportTableView';
import { change, customer, deal, NOW, RATES } from './reports-fixtures';

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
    const march = combined.rows.find((row) => row[0]!.text === 'Mar 2026')!;
    expect(march[combined.columns.indexOf('Won')]!.csv).toBe('100.00'); // $125 at 1.25
    expect(march[combined.columns.indexOf('Rates used')]).toMatchObject({
      text: '1 USD = 0.8 EUR (rates of Jan 1, 2026)',
      csv: '1 USD = 0.8 EUR (rates of 2026-01-01)',
    });
  });
});

describe('dates in the tables', () => {
  // A month or a week reads as the rest of the app writes dates ("Mar 2026", "Sep 21, 2026")
  // wherever a manager reads it: the table, the chart's axis (the first cell's text), the
  // captions, the copied text. The CSV keeps the ISO value, machine-readable and sortable.
  const ISO = /\b\d{4}-\d{2}(-\d{2})?\b/;
  const deals = [
    deal({ status: 'contracted', event_date: '2026-03-20', currency: 'EUR', amount_minor: 100 }),
    deal({ status: 'contracted', event_date: '2020-01-10', currency: 'EUR', amount_minor: 100 }),
    deal({ status: 'confirmed', event_date: '2031-01-10', currency: 'EUR', amount_minor: 100 }),
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
  const result = computeReports(
    prepared,
    { from: null, to: null, ownerId: null, currency: null, tag: null },
    { ...DEFAULT_REPORT_OPTIONS, locale: 'en-US' },
  );
  if (!result.ok) throw new Error('refused');
  const byId = (id: string) => result.reports.tables.find((t) => t.id === id)!;
  const DATED = {
    'revenue-EUR': /^\d{4}-\d{2}$/,
    'revenue-combined-EUR': /^\d{4}-\d{2}$/,
    'audience-new': /^\d{4}-\d{2}$/,
    'engagement-touches': /^\d{4}-\d{2}-\d{2}$/,
    'team-completed-per-week': /^\d{4}-\d{2}-\d{2}$/,
  };

  it('writes months and weeks as the app writes dates on screen, and keeps ISO in the CSV', () => {
    for (const [id, csv] of Object.entries(DATED)) {
      const table = byId(id);
      const dated = table.rows.filter((row) => csv.test(row[0]!.csv));
      expect(dated.length, id).toBeGreaterThan(0);
      for (const row of dated) {
        expect(row[0]!.text, id).not.toMatch(ISO);
        expect(row[0]!.text, id).toMatch(/^[A-Z][a-z]{2} (\d{1,2}, )?\d{4}$/);
      }
      // The copied table (what a person pastes) has no ISO row header; the CSV has them all.
      const tsvHeaders = tableToTsv(table)
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t')[0]);
      for (const header of tsvHeaders) expect(header, id).not.toMatch(ISO);
      const csvHeaders = tableToCsv(table)
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
      expect(csvHeaders.filter((h) => csv.test(h!)).length, id).toBe(dated.length);
    }
    const revenue = byId('revenue-EUR');
    const march = revenue.rows.find((row) => row[0]!.csv === '2026-03')!;
    expect(march[0]!.text).toBe('Mar 2026');
    expect(march[1]!.drill?.label).toBe('Contracted, Mar 2026, EUR');
    const weeks = byId('engagement-touches').rows.map((row) => row[0]!);
    expect(weeks.find((c) => c.csv === '2026-03-09')?.text).toBe('Mar 9, 2026');
  });

  it('writes the rows outside the window and the captions with written dates, the CSV in ISO', () => {
    const revenue = byId('revenue-EUR');
    const labels = revenue.rows.map((row) => row[0]!);
    const before = labels.find((c) => c.text.startsWith('Before '))!;
    const after = labels.find((c) => c.text.startsWith('After '))!;
    expect(before.text).not.toMatch(ISO);
    expect(before.csv).toMatch(/^Before \d{4}-\d{2}-\d{2}$/);
    expect(after.text).not.toMatch(ISO);
    expect(after.csv).toMatch(/^After \d{4}-\d{2}-\d{2}$/);
    expect(revenue.notes.join(' ')).not.toMatch(ISO);
    expect(revenue.caption).toMatch(
      /, [A-Z][a-z]{2} \d{1,2}, \d{4} to [A-Z][a-z]{2} \d{1,2}, \d{4}, in EUR\.$/,
    );
    for (const id of [
      'revenue-EUR',
      'team',
      'pipeline-conversion',
      'pipeline-days',
      'pipeline-win-rate',
    ])
      expect(byId(id).caption, id).not.toMatch(ISO);
  });

  it('writes a month and a day in the user’s locale', () => {
    expect(formatReportMonth('2026-01', { locale: 'en-US' })).toBe('Jan 2026');
    expect(formatReportMonth('2026-12', { locale: 'de-DE' })).toBe('Dez. 2026');
    expect(formatReportDay('2026-09-21', { locale: 'en-US' })).toBe('Sep 21, 2026');
    expect(monthCell('2026-01', null, { locale: 'en-US' })).toMatchObject({
      text: 'Jan 2026',
      csv: '2026-01',
    });
    expect(dayCell('2026-09-21', null, { locale: 'en-US' })).toMatchObject({
      text: 'Sep 21, 2026',
      csv: '2026-09-21',
    });
  });
});

describe('dates in rates, missing-rate notes and the holds tables', () => {
  // The rate sets' days, the missing-rate notes and the holds' nights read as the app writes
  // dates on screen ("Jan 1, 2026"); the CSV keeps ISO ("2026-01-01").
  const ISO = /\b\d{4}-\d{2}-\d{2}\b/;
  const deals = [
    deal({ status: 'contracted', event_date: '2026-03-20', currency: 'USD', amount_minor: 125 }),
    // CHF has no rate to EUR: its month says so.
    deal({ status: 'contracted', event_date: '2026-04-02', currency: 'CHF', amount_minor: 100 }),
    // Two holds on one night at one venue, within 30 days of NOW (2026-03-15).
    deal({ status: 'hold', hold_level: 1, event_date: '2026-03-28', venue: 'Roundhouse' }),
    deal({ status: 'hold', hold_level: 2, event_date: '2026-03-28', venue: 'Roundhouse' }),
  ];
  const prepared = prepareReports(
    {
      deals,
      history: [],
      participants: [],
      customers: [],
      touchpoints: [],
      tasks: [],
      assignments: [],
      members: [],
    },
    { now: NOW, timeZone: 'UTC', rateSets: RATES, reportingCurrency: 'EUR' },
  );
  const result = computeReports(
    prepared,
    { from: null, to: null, ownerId: null, currency: null, tag: null },
    { ...DEFAULT_REPORT_OPTIONS, locale: 'en-US' },
  );
  if (!result.ok) throw new Error('refused');
  const byId = (id: string) => result.reports.tables.find((t) => t.id === id)!;

  it('names the rates used with written days on screen, ISO days in the CSV', () => {
    const combined = byId('revenue-combined-EUR');
    const rates = combined.columns.indexOf('Rates used');
    const march = combined.rows.find((row) => row[0]!.csv === '2026-03')![rates]!;
    expect(march.text).toBe('1 USD = 0.8 EUR (rates of Jan 1, 2026)');
    expect(march.csv).toBe('1 USD = 0.8 EUR (rates of 2026-01-01)');
    expect(tableToTsv(combined)).not.toMatch(ISO);
    expect(tableToCsv(combined)).toContain('(rates of 2026-01-01)');
    const stages = byId('pipeline-stages-combined-EUR');
    for (const row of stages.rows) expect(row.at(-1)!.text).not.toMatch(ISO);
    // Its missing rate is named too (it said "no conversion needed" beside "no rate").
    const contracted = stages.rows.find((row) => row[0]!.text === 'Contracted')!;
    expect(contracted.at(-1)).toMatchObject({
      text: '1 USD = 0.8 EUR (rates of Jan 1, 2026); no CHF → EUR rate',
      csv: '1 USD = 0.8 EUR (rates of 2026-01-01); no CHF → EUR rate',
    });
  });

  it('writes the missing-rate notes with written days', () => {
    const notes = byId('revenue-combined-EUR').notes;
    expect(notes).toContain('No CHF → EUR rate on or before Apr 30, 2026: shown per currency only');
    for (const note of notes) expect(note).not.toMatch(ISO);
  });

  it('writes the holds due and the double bookings with written days, ISO in the CSV', () => {
    for (const id of ['pipeline-holds-due', 'pipeline-conflicts']) {
      const table = byId(id);
      expect(table.rows.length, id).toBeGreaterThan(0);
      for (const row of table.rows) {
        expect(row[0]).toMatchObject({ text: 'Mar 28, 2026', csv: '2026-03-28' });
        for (const cell of row) expect(cell.text, id).not.toMatch(ISO);
        for (const cell of row) expect(cell.drill?.label ?? '', id).not.toMatch(ISO);
      }
      expect(tableToTsv(table), id).not.toMatch(ISO);
      expect(tableToCsv(table), id).toContain('2026-03-28');
    }
    expect(byId('pipeline-conflicts').rows[0]![2]!.drill?.label).toBe('Roundhouse, Mar 28, 2026');
  });

  it('reads the columns of words from the left, the numbers from the right', () => {
    const combined = byId('revenue-combined-EUR');
    const words = textColumns(combined);
    expect(words[combined.columns.indexOf('Rates used')]).toBe(true);
    expect(words[combined.columns.indexOf('Won')]).toBe(false);
    // "no rate" (an empty CSV value) in a money column keeps it a column of numbers.
    expect(words.filter(Boolean)).toHaveLength(1);
    // Date (the row's header, left as every first column), Days left | Deal, Venue, Hold.
    expect(textColumns(byId('pipeline-holds-due'))).toEqual([false, false, true, true, true]);
  });
});
