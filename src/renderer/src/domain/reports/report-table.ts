/**
 * Every figure also as a table: shown beside its chart (accessible, selectable), copied as
 * tab-separated text, exported as CSV. A cell has the text a person reads and the value a
 * spreadsheet reads (money as a plain decimal in major units, shares as percentages), and
 * may carry the drill to the list behind it.
 */
import { formatDealDate } from '../deals/deal-display';
import { formatMoney, minorToInput } from '../deals/money';
import { formatCsv } from '../export/csv-writer';
import type { Drill } from './drill';
import type { CombinedMoney } from './combined-money';
import type { RateUsed } from './exchange-rates';

export type Cell = {
  /** What the table shows: "€1,250.00", "42%", "no rate". */
  text: string;
  /** What the CSV holds: "1250.00", "42.0", "" for no value. */
  csv: string;
  drill: Drill | null;
};

export type ReportTable = {
  id: string;
  title: string;
  /** One sentence saying what is counted, over which dates, in which currency. */
  caption: string;
  columns: string[];
  /** The first cell of each row is its header. */
  rows: Cell[][];
  /** Rates used, figures without a rate, rows left out of the chart. */
  notes: string[];
};

export type TableOptions = { locale?: string };

/**
 * The version of the words the tables are written in (how dates, rates and notes read). Figures
 * kept for a later window (report-kept-results.ts) are kept under it: after an upgrade that
 * writes them otherwise, the figures kept by the old build are not shown (they showed ISO
 * dates for the seconds until the worker's answer replaced them). Raise it with any change to
 * a table's text; `reports-text-version.test.ts` fails until it is raised and its fingerprint
 * recorded.
 *
 * 2: the rate sets' days, the missing-rate notes and the holds' nights written as dates.
 * 3: the customers' sources named in words ("Typed in", "Web form"), not their codes.
 */
export const REPORT_TEXT_VERSION = 3;

export function textCell(text: string, drill: Drill | null = null): Cell {
  return { text, csv: text, drill };
}

/**
 * A day as the app writes dates on screen ("Sep 21, 2026", the board's `formatDealDate`); the
 * ISO text ("2026-09-21") is kept for the CSV, machine-readable and sortable. Anything that is
 * not an ISO day is written as it came.
 */
export function formatReportDay(iso: string, options: TableOptions = {}): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDealDate(iso, options.locale) : iso;
}

/** A month ("2026-01") as the app writes it on screen: "Jan 2026". */
export function formatReportMonth(month: string, options: TableOptions = {}): string {
  if (!/^\d{4}-\d{2}$/.test(month)) return month;
  return new Date(`${month}-01T00:00:00Z`).toLocaleDateString(options.locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A day: written as the app writes dates, the ISO day in the CSV. */
export function dayCell(iso: string, drill: Drill | null = null, options: TableOptions = {}): Cell {
  return { text: formatReportDay(iso, options), csv: iso, drill };
}

/** A month: "Jan 2026" on screen, "2026-01" in the CSV. */
export function monthCell(
  month: string,
  drill: Drill | null = null,
  options: TableOptions = {},
): Cell {
  return { text: formatReportMonth(month, options), csv: month, drill };
}

export function countCell(
  count: number,
  drill: Drill | null = null,
  options: TableOptions = {},
): Cell {
  return { text: count.toLocaleString(options.locale), csv: String(count), drill };
}

export function moneyCell(
  minor: number,
  currency: string,
  drill: Drill | null = null,
  options: TableOptions = {},
): Cell {
  return { text: formatMoney(minor, currency, options), csv: minorToInput(minor, currency), drill };
}

/** A combined figure: its amount, or "no rate" (and an empty CSV value) when a rate is missing. */
export function combinedCell(
  money: CombinedMoney,
  drill: Drill | null = null,
  options: TableOptions = {},
): Cell {
  if (money.minor === null) return { text: 'no rate', csv: '', drill };
  return moneyCell(money.minor, money.currency, drill, options);
}

/** A share 0..1 as "42%" (one decimal under 10%), "—" when there is nothing to divide. */
export function percentCell(share: number | null, drill: Drill | null = null): Cell {
  if (share === null) return { text: '—', csv: '', drill };
  const percent = share * 100;
  const text = percent > 0 && percent < 10 ? percent.toFixed(1) : String(Math.round(percent));
  return { text: `${text}%`, csv: percent.toFixed(1), drill };
}

export function daysCell(days: number | null, drill: Drill | null = null): Cell {
  if (days === null) return { text: '—', csv: '', drill };
  return { text: days.toFixed(1), csv: days.toFixed(1), drill };
}

/**
 * How a rate set's day is written: on screen as the app writes dates (`formatReportDay`), in a
 * CSV as the ISO day (the default).
 */
export type WriteDay = (iso: string) => string;
const isoDay: WriteDay = (iso) => iso;

/** `formatReportDay` in the table's locale: the on-screen writing of a day. */
export function writtenDay(options: TableOptions = {}): WriteDay {
  return (iso) => formatReportDay(iso, options);
}

/**
 * "1 GBP = 1.17 EUR (rates of Mar 31, 2026)", one per distinct rate; the day written by
 * `day` (ISO by default, as the CSV keeps it).
 */
export function describeRates(used: readonly RateUsed[], day: WriteDay = isoDay): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const rate of used) {
    const text = `1 ${rate.from} = ${rate.rate} ${rate.to} (rates of ${day(rate.date)})`;
    if (!seen.has(text)) parts.push(text);
    seen.add(text);
  }
  return parts.join('; ');
}

/**
 * The rates the figures lack, one line per currency: "No GBP → EUR rate on or before
 * Mar 31, 2026 or Apr 30, 2026: shown per currency only". A rate set dated on or before the
 * first date covers them all, so a long list is cut after the first three dates. Notes are
 * read on screen: the days are written as the app writes dates.
 */
export function describeMissing(
  moneys: readonly CombinedMoney[],
  options: TableOptions = {},
): string[] {
  const day = writtenDay(options);
  const byPair = new Map<string, Set<string>>();
  for (const money of moneys)
    for (const m of money.missing) {
      const pair = `${m.currency} → ${money.currency}`;
      byPair.set(pair, (byPair.get(pair) ?? new Set()).add(m.date));
    }
  return [...byPair].map(([pair, dates]) => {
    // Sorted as ISO days (in order), then written.
    const sorted = [...dates].sort().map(day);
    const shown =
      sorted.length === 1
        ? sorted[0]
        : sorted.length <= 3
          ? `${sorted.slice(0, -1).join(', ')} or ${sorted.at(-1)}`
          : `${sorted[0]} (and ${sorted.length - 1} later month ends)`;
    return `No ${pair} rate on or before ${shown}: shown per currency only`;
  });
}

/** A row's "Rates used": the rates, and the currencies it has no rate for. */
export function describeRatesAndMissing(
  moneys: readonly CombinedMoney[],
  day: WriteDay = isoDay,
): string {
  const rates = describeRates(
    moneys.flatMap((m) => m.used),
    day,
  );
  const missing = [
    ...new Set(
      moneys.flatMap((m) => m.missing.map((x) => `no ${x.currency} → ${m.currency} rate`)),
    ),
  ];
  return [rates, ...missing].filter(Boolean).join('; ') || 'no conversion needed';
}

/**
 * A "Rates used" cell: the rate sets' days written on screen ("rates of Jan 1, 2026"), ISO in
 * the CSV ("rates of 2026-01-01").
 */
export function ratesCell(moneys: readonly CombinedMoney[], options: TableOptions = {}): Cell {
  return {
    text: describeRatesAndMissing(moneys, writtenDay(options)),
    csv: describeRatesAndMissing(moneys),
    drill: null,
  };
}

/** The table as a CSV file (UTF-8 BOM, CRLF, cells neutralized against formula injection). */
export function tableToCsv(table: ReportTable): string {
  return formatCsv([table.columns, ...table.rows.map((row) => row.map((cell) => cell.csv))]);
}

/** The table as tab-separated text for the clipboard (pastes into a spreadsheet as cells). */
export function tableToTsv(table: ReportTable): string {
  const clean = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  return [table.columns, ...table.rows.map((row) => row.map((cell) => cell.text))]
    .map((row) => row.map(clean).join('\t'))
    .join('\n');
}
