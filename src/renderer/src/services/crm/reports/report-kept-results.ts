/**
 * Figures kept for a later window (docs/reports.md, "Kept figures for a new window"): a new
 * window's worker needs a second or more to restore its rows from the snapshot, while the
 * figures it will compute for the same filter are, most of the time, the ones the last window
 * computed. They still stand, by construction, when nothing they were computed from changed:
 *
 * - the rows: the reports journal (one entry in the transaction of every write to a table the
 *   reports read) is the same generation and has no entry after the one the rows included;
 * - the settings (rates, reporting currency, stages, time zone): the same, compared whole
 *   (they are not journaled);
 * - the day: figures move with the clock (weeks, overdue tasks, days in stage), so only figures
 *   of the same local day are shown, and then as "Updating…" until the worker's own answer
 *   replaces them (the same rule as figures kept within a window).
 */
import type { CrmDatabase } from '../../../db/database';
import type { ReportOptions } from '../../../domain/reports/compute';
import type { ReportSettings } from '../../../domain/reports/context';
import type { ReportFilter } from '../../../domain/reports/filter';
import { isJournalMeta, JOURNAL_META_SEQ } from '../../../domain/reports/journal-entry';
import { REPORT_TEXT_VERSION } from '../../../domain/reports/report-table';
import type { ReportView } from './report-engine';
import { lastJournalSeq } from './report-journal';
import { readReportSettings } from './report-sources';
import type { KeptResult, ReportSnapshotStore } from './report-snapshot-store';

/** Figures kept per database: a new window opens with the default filter; one more is spare. */
export const KEPT_RESULTS = 2;

/**
 * The filter and options figures are for, and the words their tables are written in (as the
 * locale among the options): figures kept by a build that wrote them otherwise are not found.
 */
export function resultKey(
  filter: ReportFilter,
  options: ReportOptions,
  textVersion: number = REPORT_TEXT_VERSION,
): string {
  return JSON.stringify([filter, options, textVersion]);
}

/** Everything the figures read besides the rows and the clock. */
export function settingsKey(settings: ReportSettings): string {
  const { timeZone, rateSets, reportingCurrency, stages } = settings;
  return JSON.stringify({ timeZone, rateSets, reportingCurrency, stages });
}

/** The local day of `now` in `zone` (the device's when null), as YYYY-MM-DD. */
export function localDay(now: Date, zone: string | null): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone ?? undefined,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Where the rows and settings stand now (read in one transaction). */
export type Standing = {
  key: string;
  /** The journal's generation, null when it has not started. */
  generation: string | null;
  lastSeq: number;
  settings: string;
  day: string;
};

/** The kept figures for `now.key` that still stand, or null. */
export function standingResult<View>(
  results: readonly KeptResult<View>[],
  now: Standing,
): KeptResult<View> | null {
  const found = results.find((result) => result.key === now.key);
  if (!found || now.generation === null) return null;
  const stands =
    found.generation === now.generation &&
    found.seq === now.lastSeq &&
    found.settings === now.settings &&
    found.day === now.day;
  return stands ? found : null;
}

/** `results` with `entry` first (one per key), at most KEPT_RESULTS. */
export function withResult<View>(
  results: readonly KeptResult<View>[],
  entry: KeptResult<View>,
): KeptResult<View>[] {
  return [entry, ...results.filter((result) => result.key !== entry.key)].slice(0, KEPT_RESULTS);
}

/**
 * The figures kept for this filter that still stand, or null; reads no row (the kept record,
 * the journal's meta and last seq, the settings). The window calls it itself, not through
 * the worker: a new window's worker is busy restoring its rows for a second or more, and
 * these figures are for exactly that time.
 */
export async function readKeptResult(
  db: CrmDatabase,
  snapshots: ReportSnapshotStore,
  now: Date,
  filter: ReportFilter,
  options: ReportOptions,
  /** Where the time went (the benchmark prints it): filled in as the read goes. */
  timings: Record<string, number> = {},
): Promise<ReportView | null> {
  const started = performance.now();
  const key = resultKey(filter, options);
  // Only this filter's record: the other kept views are not read.
  const found = (await snapshots
    .loadResult(key)
    .catch(() => null)) as KeptResult<ReportView> | null;
  timings.results = performance.now() - started;
  if (!found) return null;
  const [meta, lastSeq, settings] = await db.transaction(
    'r',
    [db.reports_journal, db.app_settings, db.deal_pipeline],
    () =>
      Promise.all([
        db.reports_journal.get(JOURNAL_META_SEQ),
        lastJournalSeq(db),
        readReportSettings(db, now),
      ]),
  );
  timings.standing = performance.now() - started;
  const standing = standingResult([found], {
    key,
    generation: isJournalMeta(meta) ? meta.generation : null,
    lastSeq,
    settings: settingsKey(settings),
    day: localDay(now, settings.timeZone),
  });
  return standing?.view ?? null;
}
