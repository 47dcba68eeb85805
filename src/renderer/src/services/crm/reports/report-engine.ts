/**
 * The reports kept in memory: the rows read once per data change and prepared
 * (`prepareReports`), then every filter change answered from them (`computeReports`), and
 * the rows behind a clicked cell (`dealsBehind`, …). The reports worker runs one; where
 * workers are missing the window runs one itself. Everything it returns is plain data.
 */
import type { CrmDatabase } from '../../../db/database';
import type {
  PreparedReports,
  ReportOptions,
  ReportSection,
  ReportSources,
} from '../../../domain/reports/compute';
import {
  ALL_SECTIONS,
  computeReports,
  DEAL_SECTIONS,
  DEFAULT_REPORT_OPTIONS,
  prepareChanged,
  prepareReports,
  sectionOf,
  withSettings,
} from '../../../domain/reports/compute';
import type { BehindDetail } from '../../../domain/reports/behind-row';
import type { Drill } from '../../../domain/reports/drill';
import { customersBehind, dealsBehind, tasksBehind } from '../../../domain/reports/drill-resolve';
import type { FilterProblem, ReportFilter } from '../../../domain/reports/filter';
import type { ReportTable } from '../../../domain/reports/report-table';
import type { ReportSettings } from '../../../domain/reports/context';
import { indexTouchpoints } from '../../../domain/reports/engagement';
import { NO_REPORT_FILTER } from '../../../domain/reports/filter';
import type { ReportTouchpoint } from '../../../domain/reports/inputs';
import { mergeRows } from '../../../domain/reports/source-merge';
import type { DayNumber } from '../../../domain/reports/calendar';
import { createZoneDays } from '../../../domain/reports/zone-days';
import type { TouchSpan } from '../../../domain/reports/touch-span';
import {
  spanCovers,
  spansMissing,
  spanUnion,
  touchSpanFor,
} from '../../../domain/reports/touch-span';
import type { ChangeTracker, ReportChanges } from './report-changes';
import { trackReportChanges } from './report-changes';
import type { ChunkEvent, ChunkPlan, SourceName, SourceRow } from './report-source-tables';
import {
  DEAL_SOURCES,
  keyOf,
  PEOPLE_SOURCES,
  readSourceInChunks,
  readSourceRows,
  readTouchpointsBetween,
  readWholeSource,
  SOURCE_TABLES,
  tablesOf,
} from './report-source-tables';
import { readReportSettings } from './report-sources';
import { createResultCache } from './report-result-cache';
import { createFigureMemo } from '../../../domain/reports/figure-memo';
import type { JournalChanges } from './report-journal';
import { journalChangesAfter, lastJournalSeq, startJournal, trimJournal } from './report-journal';
import type { ReportSnapshotStore } from './report-snapshot-store';
import { decodeReportSnapshot, encodeReportSnapshot } from '../../../domain/reports/snapshot-codec';
import { scheduleSnapshots } from '../customers/search/snapshot-schedule';
import type { KeptResult } from './report-snapshot-store';
import {
  localDay,
  readKeptResult,
  resultKey,
  settingsKey,
  withResult,
} from './report-kept-results';

/** What the page's filters offer: the values present in the data. */
export type ReportChoices = { currencies: string[]; tags: string[] };

export type ReportView =
  | {
      ok: true;
      tables: ReportTable[];
      /** Sections not computed yet (their rows are still being read): shown as "calculating". */
      pending: ReportSection[];
      /** The filter's weeks reach touchpoints not read yet: `ensureTouchpoints`, then again. */
      needsTouchpoints: boolean;
      reportingCurrency: string | null;
      /** Milliseconds this computation took (shown to no one; read by the benchmark). */
      computeMs: number;
      /**
       * Where the worker's time went for this answer, in epoch milliseconds (the window and
       * the worker have different `performance` origins): asked, computed, serialized.
       * Shown to no one; the benchmark reads it from the `reports-computed` mark.
       */
      timing?: { askedAt: number; computedAt: number; sentAt: number };
    }
  | { ok: false; problems: FilterProblem[] };

/**
 * One row of the list behind a figure: what it is, the facts beside its title (written by the
 * page in the user's locale and zone: domain/reports/behind-row.ts), and the page that opens it.
 */
export type BehindRow = { id: string; title: string; detail: BehindDetail; href: string };

export type BehindList = {
  kind: 'deals' | 'customers' | 'tasks';
  label: string;
  total: number;
  rows: BehindRow[];
};

/** How far the rows are read: the deal tables only, or every table. */
export type LoadStage = 'deals' | 'all';

export type LoadSummary = {
  choices: ReportChoices;
  stage: LoadStage;
  loadMs: number;
  /** Rows read by this load (whole tables, or only the rows writes named since the last). */
  rows: number;
  /** False when no row changed: the prepared rows were kept, only the settings renewed. */
  prepared: boolean;
  /** Tables read whole by this load (the first, or after a write over a range of keys). */
  readWhole: SourceName[];
  /** Where the load went (ms), for the benchmark and docs/reports.md. */
  timings: Record<string, number>;
  /**
   * How this load used the persisted snapshot: restored from it (and the journal after it),
   * or why not (none, damaged, stale: rebuilt from the tables); 'off' without snapshots,
   * null when it was not this load's business (the rows were kept already).
   */
  snapshot: SnapshotOutcome | null;
};

export type SnapshotOutcome = 'restored' | 'missing' | 'damaged' | 'stale' | 'off';

/**
 * How far the rows are read, per source (docs/reports.md, "A million customers, the window
 * kept responsive"): read (`done`, with its rows), being read (the rows read so far), or not
 * yet. `reading` is true while a load reads rows whole (a first visit, a build at rest).
 * Rows read are counted, not estimated: the total of a table is not known before it is read
 * (IndexedDB counts a store by walking it, as long as reading it).
 */
export type ReadProgress = {
  reading: boolean;
  sources: { source: SourceName; rows: number; done: boolean }[];
};

/** What a warm-up did: restored, built in the background, brought kept rows up, or why not. */
export type WarmOutcome = SnapshotOutcome | 'built' | 'kept';

/**
 * Rows per read transaction of a first read, at most (see ReportEngineOptions.chunkRows), and
 * the time a chunk aims for: its size follows the last chunk's rows per ms (a list row is
 * ~800 bytes, a participant ~100: one size does not fit every table, nor a loaded machine).
 */
export const CHUNK_ROWS = 2_000;
export const CHUNK_MS = 50;
/**
 * The same while the page waits for the rows (a visit): each chunk is a read transaction
 * whose round trips cost ~20 ms quiet and more while the window renders, whatever its size, so
 * the read a user waits for takes fewer, larger chunks (a write waits a little longer: one
 * chunk, ~0.2 s quiet; docs/reports.md, "The chunked read's cost").
 */
export const WAITED_CHUNK_ROWS = 20_000;
export const WAITED_CHUNK_MS = 200;
export const WAITED_LEAST_ROWS = 2_000;

type Loaded = {
  prepared: PreparedReports;
  taskTitles: Map<string, string>;
  reportingCurrency: string | null;
};

function choicesOf(prepared: PreparedReports): ReportChoices {
  const currencies = new Set<string>();
  for (const deal of prepared.deals) currencies.add(deal.currency);
  const tags = new Set<string>();
  for (const customer of prepared.customers.rows) for (const tag of customer.tags) tags.add(tag);
  const byText = (a: string, b: string) => a.localeCompare(b);
  return { currencies: [...currencies].sort(byText), tags: [...tags].sort(byText) };
}

function dealRows(loaded: Loaded, drill: Extract<Drill, { kind: 'deals' }>): BehindRow[] {
  const { prepared } = loaded;
  return dealsBehind(drill, prepared.timelines, prepared.context).map((deal) => ({
    id: deal.id,
    title: deal.title,
    detail: {
      kind: 'deal',
      eventDate: deal.event_date,
      venue: deal.venue,
      status: deal.status,
      holdLevel: deal.hold_level,
      amountMinor: deal.amount_minor,
      currency: deal.currency,
    },
    href: `/deals/${deal.id}`,
  }));
}

function customerRows(loaded: Loaded, drill: Extract<Drill, { kind: 'customers' }>): BehindRow[] {
  const { prepared } = loaded;
  return customersBehind(drill, prepared.customers, prepared.touches, prepared.context).map(
    (customer) => ({
      id: customer.customer_id,
      title: customer.display_name,
      detail: {
        kind: 'customer',
        lifecycle: customer.lifecycle,
        tags: customer.tags,
        lastTouchAt: customer.last_touch_at,
      },
      href: `/customers/${customer.customer_id}`,
    }),
  );
}

function taskRows(loaded: Loaded, drill: Extract<Drill, { kind: 'tasks' }>): BehindRow[] {
  const { prepared } = loaded;
  return tasksBehind(drill, prepared.tasks, prepared.context).map((task) => ({
    id: task.id,
    title: loaded.taskTitles.get(task.id) ?? 'Untitled task',
    detail: {
      kind: 'task',
      status: task.status,
      dueAt: Number.isNaN(task.dueMs) ? null : new Date(task.dueMs).toISOString(),
    },
    href: `/tasks/${task.id}`,
  }));
}

/** The rows behind a drill, the first `limit` of them (the total is said). */
export function rowsBehind(loaded: Loaded, drill: Drill, limit: number): BehindList | null {
  let rows: BehindRow[];
  if (drill.kind === 'deals') rows = dealRows(loaded, drill);
  else if (drill.kind === 'customers') rows = customerRows(loaded, drill);
  else if (drill.kind === 'tasks') rows = taskRows(loaded, drill);
  else return null;
  return { kind: drill.kind, label: drill.label, total: rows.length, rows: rows.slice(0, limit) };
}

type Kept = {
  /** The rows read so far, by source (absent: not read yet). */
  sources: Partial<Record<SourceName, SourceRow[]>>;
  /** The time zone the rows were prepared in. */
  zone: string | null;
  /** The settings last read (rates, reporting currency, stages). */
  settings: ReportSettings | null;
  /** The instants whose touchpoints are read (every one between them); null: none yet. */
  touchSpan: TouchSpan | null;
  loaded: Loaded | null;
  stage: LoadStage | null;
  /**
   * The journal the rows follow, and the last entry they include (every kept row reflects
   * every write up to it): null when not known (no snapshots, or another window trimmed
   * entries this engine had not read), and then no snapshot is saved from these rows.
   */
  journal: { generation: string; seq: number } | null;
  /** Rows changed since the last snapshot saved. */
  unsaved: boolean;
};

/** Computed results kept per engine (filters a manager switches between). */
const RESULTS_KEPT = 16;
/** How long (by the loads' clock) a kept result stands for the figures of a later load. */
const RESULT_CLOCK_MS = 60_000;

const EMPTY_SOURCES: ReportSources = {
  deals: [],
  history: [],
  participants: [],
  members: [],
  customers: [],
  touchpoints: [],
  tasks: [],
  assignments: [],
};

function sourcesOf(kept: Kept): ReportSources {
  return { ...EMPTY_SOURCES, ...kept.sources } as ReportSources;
}

/**
 * Today's day number in the user's zone, as the figures count it (context.ts `today`): the
 * weeks shown start on a local Monday. Counted in UTC, a load read the wrong weeks where the
 * local day was in another week (Auckland on Monday morning, New York on Sunday evening) and
 * the figures then asked for more touchpoints on every visit.
 */
function localToday(now: Date): DayNumber {
  return createZoneDays(Intl.DateTimeFormat().resolvedOptions().timeZone ?? null).dayOf(
    now.getTime(),
  );
}

/**
 * The touchpoints of the default weeks (the last 12, with a margin for any time zone): the
 * figures need no older ones until a filter's dates reach further (`ensureTouchpoints`).
 */
async function readDefaultTouchpoints(db: CrmDatabase, kept: Kept, now: Date) {
  const span = touchSpanFor(NO_REPORT_FILTER, localToday(now));
  kept.touchSpan = span;
  return readTouchpointsBetween(db, span.from, span.to);
}

/**
 * Reads the sources `wanted` lacks whole, in chunks (`readSourceInChunks`: a read transaction
 * of at most `plan.rows` rows each, over one table), after noting the journal's last seq: every
 * write made while the chunks are read comes after it, so the caller's catch-up (the journal
 * after that seq, its rows read by key, in one transaction with the journal) brings every row
 * to one moment, as one long read transaction would have, without holding writes for it
 * (docs/reports.md, "The first read in chunks"). Returns the names read, or null when the
 * rows follow no journal (then they are read in one transaction, as before).
 */
async function readMissingInChunks(
  db: CrmDatabase,
  kept: Kept,
  wanted: readonly SourceName[],
  timings: Record<string, number>,
  readWhole: SourceName[],
  now: Date,
  begin: string | null,
  plan: ChunkPlan,
): Promise<{ names: SourceName[]; rows: number } | null> {
  const missing = wanted.filter((name) => !kept.sources[name]);
  if (missing.length === 0 || (!begin && !kept.journal)) return null;
  const started = performance.now();
  if (begin) {
    const seq = await db.transaction('r', db.reports_journal, () => lastJournalSeq(db));
    kept.journal = { generation: begin, seq };
  }
  let read = 0;
  let chunks = 0;
  let longest = 0;
  let longestRead = 0;
  for (const name of missing) {
    let span: TouchSpan | null = null;
    if (name === 'touchpoints') {
      span = touchSpanFor(NO_REPORT_FILTER, localToday(now));
      kept.touchSpan = span;
    }
    const part = await readSourceInChunks(db, name, plan, span);
    timings[`read ${SOURCE_TABLES[name].table} (${part.rows.length} rows, ${part.chunks} chunks)`] =
      performance.now() - started;
    kept.sources[name] = part.rows;
    readWhole.push(name);
    read += part.rows.length;
    chunks += part.chunks;
    if (part.longestMs > longest) longestRead = part.longestReadMs;
    longest = Math.max(longest, part.longestMs);
  }
  timings[`read in chunks (${chunks} read transactions)`] = performance.now() - started;
  timings['the longest chunk (its read transaction)'] = longest;
  timings['· its part until the rows were in hand'] = longestRead;
  return { names: missing, rows: read };
}

/**
 * Reads the sources not read yet whole (touchpoints: those of the default weeks), and the
 * rows writes named since the last load of those already read, in one read transaction.
 * With `plan` and a journal followed, the sources not read yet are read in chunks first and
 * the one transaction only catches them up (`readMissingInChunks`). Returns the rows read.
 */
async function readInto(
  db: CrmDatabase,
  kept: Kept,
  wanted: readonly SourceName[],
  changes: ReportChanges,
  timings: Record<string, number>,
  readWhole: SourceName[],
  now: Date,
  /** Start following this journal generation (its last seq read with the rows). */
  begin: string | null = null,
  plan: ChunkPlan | null = null,
): Promise<number> {
  const chunked = plan
    ? await readMissingInChunks(db, kept, wanted, timings, readWhole, now, begin, plan)
    : null;
  if (chunked) begin = null;
  const missing = wanted.filter((name) => !kept.sources[name]);
  const keptNames = Object.keys(kept.sources) as SourceName[];
  let known = keptNames.filter((n) => changes.rows.has(n));
  // Following the journal: read it in the same transaction as the rows, so the rows and its
  // seq agree (a write another window made may not be announced here yet).
  const followed = kept.journal;
  if (missing.length === 0 && known.length === 0 && !chunked) return 0;
  const names = followed ? [...new Set([...missing, ...keptNames])] : [...missing, ...known];
  const started = performance.now();
  let read = chunked?.rows ?? 0;
  const tables =
    followed || begin ? [...tablesOf(db, names), db.reports_journal] : tablesOf(db, names);
  await db.transaction('r', tables, async () => {
    if (begin) kept.journal = { generation: begin, seq: await lastJournalSeq(db) };
    else if (followed) {
      const journal = await journalChangesAfter(db, followed.seq);
      if (!followsJournal(journal, followed)) {
        kept.journal = null;
        // Read in chunks, the rows cannot be caught up (another window trimmed the journal
        // past them, or the database was replaced): read them again here, in this one
        // transaction, as a load without chunks does.
        if (chunked) for (const name of chunked.names) delete kept.sources[name];
        if (chunked) missing.push(...chunked.names);
      } else {
        kept.journal = { ...followed, seq: journal.lastSeq };
        addChanges(changes, journal.rows);
        known = keptNames.filter((n) => changes.rows.has(n) && kept.sources[n]);
      }
    }
    await Promise.all([
      ...missing.map(async (name) => {
        const rows =
          name === 'touchpoints'
            ? await readDefaultTouchpoints(db, kept, now)
            : await readWholeSource(db, name);
        timings[`read ${SOURCE_TABLES[name].table} (${rows.length} rows)`] =
          performance.now() - started;
        kept.sources[name] = rows;
        if (!readWhole.includes(name)) readWhole.push(name);
        read += rows.length;
      }),
      ...known.map(async (name) => {
        const change = changes.rows.get(name)!;
        if (change === 'all') {
          kept.sources[name] =
            name === 'touchpoints'
              ? await readTouchpointsBetween(db, kept.touchSpan!.from, kept.touchSpan!.to)
              : await readWholeSource(db, name);
          readWhole.push(name);
          read += kept.sources[name].length;
          return;
        }
        const keys = [...change];
        const rows = await readSourceRows(db, name, keys);
        const changed = new Map(keys.map((key, i) => [key, rows[i] ?? null]));
        kept.sources[name] = mergeRows(kept.sources[name]!, (row) => keyOf(name, row), changed);
        read += keys.length;
      }),
    ]);
  });
  timings.read = performance.now() - started;
  if (chunked) timings['chunks caught up with the journal (one transaction)'] = timings.read;
  return read;
}

/** True when the journal still holds every entry after `followed.seq` of the same generation. */
function followsJournal(journal: JournalChanges, followed: { generation: string; seq: number }) {
  return (
    journal.meta !== null &&
    journal.meta.generation === followed.generation &&
    journal.meta.trimmed_through <= followed.seq
  );
}

/** Adds the journal's rows to the announced ones (either may know a write the other does not yet). */
function addChanges(changes: ReportChanges, rows: JournalChanges['rows']): void {
  for (const [name, keys] of rows) {
    const known = changes.rows.get(name);
    if (known === 'all') continue;
    if (keys === 'all') changes.rows.set(name, 'all');
    else changes.rows.set(name, new Set([...(known ?? []), ...keys]));
  }
}

/**
 * Prepares the kept rows: only what the written rows change when they were read by key
 * (`prepareChanged`), everything when a table was read whole; only the settings when no row
 * changed. True if rows were prepared.
 */
function prepareKept(
  kept: Kept,
  settings: ReportSettings,
  rowsChanged: boolean,
  byKey: ReadonlyMap<SourceName, ReadonlySet<string>> | null,
): boolean {
  const reused =
    !rowsChanged && kept.loaded ? withSettings(kept.loaded.prepared, settings, kept.zone) : null;
  const sources = sourcesOf(kept);
  const before = kept.loaded?.prepared;
  const prepared =
    reused ??
    (before && byKey && settings.timeZone === kept.zone
      ? prepareChanged(before, sources, settings, byKey)
      : prepareReports(sources, settings));
  kept.zone = settings.timeZone;
  const tasksKept = byKey !== null && !byKey.has('tasks');
  const taskTitles =
    (reused || tasksKept) && kept.loaded
      ? kept.loaded.taskTitles
      : new Map(sources.tasks.map((task) => [task.id, (task as { title?: string }).title ?? '']));
  kept.loaded = { prepared, taskTitles, reportingCurrency: settings.reportingCurrency };
  return reused === null;
}

export type ReportEngineOptions = {
  /** The persisted snapshot of the rows (docs/reports.md, "The snapshot"); none: off. */
  snapshots?: ReportSnapshotStore | null;
  /** Save the snapshot once the rows have not changed for this long. */
  saveIdleMs?: number;
  /**
   * After a write, keep the default filter's figures for a new window once the page has not
   * asked for this long (not only at the save, which waits for the rows to rest longer).
   */
  keepDefaultIdleMs?: number;
  /**
   * Rows per read transaction when the rows are read whole for the first time (a first visit
   * or a background build without a snapshot): a write waits for one chunk at most. Null:
   * one read transaction for every table, as before. Only with snapshots (the journal
   * brings the chunks to one moment).
   */
  chunkRows?: number | null;
  /** Aim for read transactions of about this long (the chunk's size adapts); null: fixed. */
  chunkMs?: number | null;
  /**
   * While the page waits for the rows: at most this many rows per chunk, at least
   * `waitedLeastRows` (WAITED_CHUNK_ROWS, WAITED_LEAST_ROWS; the aim is WAITED_CHUNK_MS).
   */
  waitedChunkRows?: number;
  waitedLeastRows?: number;
  /** Each chunk's start and end (tests, the benchmark). */
  onChunk?: (event: ChunkEvent) => void;
  /** A background build waits between chunks until the user has not worked for this long. */
  userQuietMs?: number;
  /** Milliseconds, for "the page asked recently" (tests give their own). */
  clock?: () => number;
  onSaveError?: (error: unknown) => void;
};

/**
 * The reports engine: keeps the rows it read and what it prepared from them as long as it
 * lives (the worker lives as long as the window), and on each later load re-reads only the
 * rows written since (`trackReportChanges`), so a visit costs a read of what changed, not of
 * every row. The first load reads the deal tables first (`load('deals')`: the revenue and
 * pipeline figures), then the people, touchpoints and tasks (`load('all')`). With
 * `snapshots`, the first load restores the rows from the persisted snapshot and the journal
 * after it instead of reading the tables (docs/reports.md, "The snapshot").
 */
export function createReportEngine(
  db: CrmDatabase,
  tracker: ChangeTracker = trackReportChanges(db.name),
  options: ReportEngineOptions = {},
) {
  const snapshots = options.snapshots ?? null;
  const kept: Kept = {
    sources: {},
    zone: null,
    settings: null,
    touchSpan: null,
    loaded: null,
    stage: null,
    journal: null,
    unsaved: false,
  };
  // Once per engine: the first load tries the snapshot, later loads keep their rows.
  let snapshotTried = false;
  const saveIdleMs = options.saveIdleMs ?? 5_000;
  const schedule = snapshots
    ? scheduleSnapshots(() => saveSnapshot(false), saveIdleMs, options.onSaveError)
    : null;
  /** When the page last asked for a load or figures (a scheduled save waits for it to rest). */
  let lastAskedAt = Number.NEGATIVE_INFINITY;
  const clock = options.clock ?? (() => performance.now());
  const chunkRows = options.chunkRows === undefined ? CHUNK_ROWS : options.chunkRows;
  const chunkMs = options.chunkMs === undefined ? CHUNK_MS : (options.chunkMs ?? undefined);
  const userQuietMs = options.userQuietMs ?? 1_000;
  /** When the user last worked in the window (keys, pointer, wheel), as the window said. */
  let lastUserAt = Number.NEGATIVE_INFINITY;
  /** A background build in progress: since when (null: none; the page asking since ends its pacing). */
  let buildingSince: number | null = null;
  let lastBuild: LoadSummary[] = [];
  /**
   * Before each chunk of a read: a background build waits while the user works (a chunk
   * every `userQuietMs` of quiet), unless the page asked for a load or figures since the build
   * began (it waits for these very rows: then at full speed).
   */
  async function paceChunk(): Promise<void> {
    while (buildingSince !== null && lastAskedAt < buildingSince) {
      const quietFor = clock() - lastUserAt;
      if (quietFor >= userQuietMs) return;
      await new Promise((resolve) => setTimeout(resolve, userQuietMs - quietFor));
    }
  }
  /** The page waits for the rows being read: a load it asked, or a build it asked for since. */
  const pageWaits = () => buildingSince === null || lastAskedAt >= buildingSince;
  const waited = {
    now: pageWaits,
    rows: options.waitedChunkRows ?? WAITED_CHUNK_ROWS,
    targetMs: ((chunkMs ?? CHUNK_MS) * WAITED_CHUNK_MS) / CHUNK_MS,
    least: options.waitedLeastRows ?? WAITED_LEAST_ROWS,
  };
  const chunkPlan = (): ChunkPlan | null =>
    snapshots && chunkRows !== null
      ? {
          rows: chunkRows,
          targetMs: chunkMs,
          ...(chunkMs !== undefined && { waited }),
          before: paceChunk,
          onChunk: (event) => {
            if (event.phase === 'end')
              readSoFar.set(event.source, (readSoFar.get(event.source) ?? 0) + (event.rows ?? 0));
            options.onChunk?.(event);
          },
        }
      : null;
  /**
   * Writes announced (any window) and how many of them the rows prepared include: while the
   * two agree, the prepared rows are current and a page asking for the deal figures gets them
   * without waiting for a read in progress (see `load`).
   */
  let announced = 0;
  let appliedUpTo = 0;
  tracker.onChange(() => {
    announced += 1;
  });
  /** Loads asked and not finished. */
  let loadsInFlight = 0;
  /** Rows read so far per source by the chunked read in progress (see `progress`). */
  const readSoFar = new Map<SourceName, number>();
  /** Runs `step` after the loads asked before it, as `load` does. */
  function enqueue<T>(step: () => Promise<T>): Promise<T> {
    loadsInFlight += 1;
    const run = loading.then(step).finally(() => {
      loadsInFlight -= 1;
    });
    loading = run.catch(() => undefined);
    return run;
  }
  let loading: Promise<unknown> = Promise.resolve();
  // The figures computed per filter key, for a visit again with nothing written. Any write
  // announced (from any window) forgets them at once, and so does any load that applied a
  // write, read more rows or changed the stage, so a figure is never older than the rows.
  const results = createResultCache<{ view: ReportView; nowMs: number }>(RESULTS_KEPT);
  // Each figure kept with its inputs: a filter change computes only what it changes.
  const figures = createFigureMemo();
  const forgetResults = () => results.clear();
  tracker.onChange(forgetResults);
  // Figures kept for a later window (report-kept-results.ts), saved shortly after computed.
  let resultsToKeep: KeptResult<ReportView>[] = [];
  let keepTimer: ReturnType<typeof setTimeout> | null = null;
  let keeping: Promise<void> = Promise.resolve();
  // The journal position the default filter's figures were last kept for (see keepDefaultSoon).
  let defaultKeptAt: string | null = null;
  let defaultTimer: ReturnType<typeof setTimeout> | null = null;
  const keepDefaultIdleMs = options.keepDefaultIdleMs ?? 1_000;
  const DEFAULT_KEY = resultKey(NO_REPORT_FILTER, DEFAULT_REPORT_OPTIONS);
  const journalAt = () => (kept.journal ? `${kept.journal.generation}:${kept.journal.seq}` : null);

  /** A complete view of rows that follow the journal: kept for a later window. */
  function keepForLaterWindows(filter: ReportFilter, options: ReportOptions, view: ReportView) {
    const { journal, settings, loaded } = kept;
    if (!snapshots || !journal || !settings || !loaded || kept.stage !== 'all') return;
    if (!view.ok || view.pending.length > 0 || view.needsTouchpoints) return;
    const key = resultKey(filter, options);
    resultsToKeep = withResult(resultsToKeep, {
      generation: journal.generation,
      seq: journal.seq,
      settings: settingsKey(settings),
      day: localDay(loaded.prepared.context.now, settings.timeZone),
      key,
      view,
    });
    if (key === DEFAULT_KEY) defaultKeptAt = journalAt();
    keepTimer ??= setTimeout(() => void saveKeptResults(), 1_000);
  }

  /**
   * The page computed another filter for rows the default filter's kept figures do not
   * cover (a write since): once the page has rested `keepDefaultIdleMs`, compute and keep
   * the default's too, so a window opened a moment after a write (a reload, a second
   * window) finds the figures it opens with. The save keeps them as well, but only once the
   * rows rested 5 s and after the loads asked before it. One computation in the worker per
   * write burst while the page shows another filter; none when the page shows the default.
   */
  function keepDefaultSoon() {
    if (!snapshots || defaultTimer || defaultKeptAt === journalAt()) return;
    defaultTimer = setTimeout(() => void keepDefaultWhenRested(), keepDefaultIdleMs);
  }

  async function keepDefaultWhenRested(): Promise<void> {
    defaultTimer = null;
    // After every load asked so far (none in flight): the rows and the journal's seq agree.
    for (let pending = loading; ; pending = loading) {
      await pending;
      if (pending === loading) break;
    }
    const waited = clock() - lastAskedAt;
    if (waited < keepDefaultIdleMs) {
      defaultTimer = setTimeout(() => void keepDefaultWhenRested(), keepDefaultIdleMs - waited);
      return;
    }
    if (defaultKeptAt === journalAt()) return;
    keepDefaultView();
    await saveKeptResults();
  }

  /**
   * The figures a new window opens with (the default filter and options: the filter store is
   * per window), kept for the rows about to be saved, whatever filter this page shows: after
   * a write, the default's kept figures fell with the journal's next entry, and a new window
   * would wait for its worker to restore the rows. Computed from these very rows (at most one
   * computation per save, none when the page computed them since the write).
   */
  function keepDefaultView() {
    if (!kept.loaded || kept.stage !== 'all') return;
    const { view } = viewFor(kept.loaded, NO_REPORT_FILTER, DEFAULT_REPORT_OPTIONS);
    keepForLaterWindows(NO_REPORT_FILTER, DEFAULT_REPORT_OPTIONS, view);
  }

  /** The figures for a filter: kept ones while they stand (same rows, clock close), else computed. */
  function viewFor(
    loaded: Loaded,
    filter: ReportFilter,
    options: ReportOptions,
  ): { view: ReportView; computed: boolean } {
    const key = `${kept.stage}:${JSON.stringify(filter)}:${JSON.stringify(options)}`;
    const nowMs = loaded.prepared.context.nowMs;
    const hit = results.get(key);
    // Days in stage, overdue tasks and scores move with the clock: a kept result serves
    // loads within RESULT_CLOCK_MS of the one it was computed at.
    if (hit && nowMs >= hit.nowMs && nowMs - hit.nowMs < RESULT_CLOCK_MS)
      return { view: hit.view, computed: false };
    const view = computeNow(loaded, filter, options);
    results.set(key, { view, nowMs });
    return { view, computed: true };
  }

  function saveKeptResults(): Promise<void> {
    if (keepTimer) clearTimeout(keepTimer);
    keepTimer = null;
    const fresh = resultsToKeep;
    resultsToKeep = [];
    if (!snapshots || fresh.length === 0) return keeping;
    keeping = keeping
      .then(async () => {
        let all = await snapshots.loadResults().catch(() => [] as KeptResult[]);
        for (const entry of [...fresh].reverse()) all = withResult(all, entry);
        await snapshots.saveResults(all);
      })
      .catch((error: unknown) => options.onSaveError?.(error));
    return keeping;
  }

  async function loadNow(now: Date, stage: LoadStage): Promise<LoadSummary> {
    const started = performance.now();
    const timings: Record<string, number> = {};
    const readWhole: SourceName[] = [];
    let wanted =
      stage === 'all' || kept.stage === 'all' ? [...DEAL_SOURCES, ...PEOPLE_SOURCES] : DEAL_SOURCES;
    const takenAt = announced;
    const changes = tracker.take();
    let snapshot: SnapshotOutcome | null = null;
    let begin: string | null = null;
    if (!kept.loaded) {
      if (!snapshotTried) {
        snapshotTried = true;
        snapshot = snapshots ? await restoreSnapshot(now, changes, timings) : 'off';
      }
      // Not restored: follow the journal from before the rows are read (see startJournal).
      if (snapshots && snapshot !== 'restored' && !kept.journal) {
        begin = (await startJournal(db)).generation;
      }
    }
    if (snapshot === 'restored') wanted = [...DEAL_SOURCES, ...PEOPLE_SOURCES];
    const hadRows = snapshot !== 'restored' && wanted.every((name) => kept.sources[name]);
    // Settings change only through writes (announced like any other): read them again only
    // then, so a visit with nothing written reads nothing at all.
    const known = kept.settings;
    let read: number;
    let settings: ReportSettings;
    try {
      [read, settings] = await Promise.all([
        readInto(db, kept, wanted, changes, timings, readWhole, now, begin, chunkPlan()),
        known && !changes.settings
          ? { ...known, now, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null }
          : readReportSettings(db, now),
      ]);
    } catch (error) {
      forgetResults();
      // The changes taken are not applied: forget every kept row, so the next load reads
      // them all again rather than showing figures that miss a write.
      Object.assign(kept, { sources: {}, settings: null, touchSpan: null, loaded: null });
      Object.assign(kept, { stage: null, journal: null });
      throw error;
    }
    kept.settings = settings;
    const rowsChanged = !hadRows || changes.rows.size > 0 || !kept.loaded;
    const prepareStart = performance.now();
    // Written rows read by key only (no table read whole): prepare only what they change.
    const byKey =
      snapshot !== 'restored' &&
      readWhole.length === 0 &&
      [...changes.rows.values()].every((keys) => keys !== 'all')
        ? (changes.rows as Map<SourceName, Set<string>>)
        : null;
    const prepared = prepareKept(kept, settings, rowsChanged, byKey);
    timings.prepare = performance.now() - prepareStart;
    const reached = wanted.length > DEAL_SOURCES.length ? 'all' : 'deals';
    if (prepared || rowsChanged || changes.settings || reached !== kept.stage) forgetResults();
    kept.stage = reached;
    appliedUpTo = takenAt;
    for (const name of readWhole) readSoFar.delete(name);
    if (prepared && snapshot !== 'restored') noteUnsaved();
    return {
      choices: choicesOf(kept.loaded!.prepared),
      stage: kept.stage,
      loadMs: performance.now() - started,
      rows: read,
      prepared,
      readWhole,
      timings,
      snapshot,
    };
  }

  /**
   * The first load's rows from the persisted snapshot: decoded, then brought up to date
   * from the journal after it and the writes announced since this engine started, in one
   * read transaction (and the default weeks' touchpoints it lacks). Any doubt (no snapshot,
   * damaged bytes, another journal or one trimmed past it) leaves `kept` empty: rebuild.
   */
  async function restoreSnapshot(
    now: Date,
    changes: ReportChanges,
    timings: Record<string, number>,
  ): Promise<SnapshotOutcome> {
    const started = performance.now();
    const bytes = await snapshots!.load().catch(() => null);
    timings['snapshot read'] = performance.now() - started;
    if (!bytes) return 'missing';
    let restored;
    try {
      restored = decodeReportSnapshot(bytes);
    } catch {
      return 'damaged';
    }
    timings['snapshot decoded'] = performance.now() - started;
    const sources = { ...restored.sources } as Record<SourceName, SourceRow[]>;
    const names = [...DEAL_SOURCES, ...PEOPLE_SOURCES];
    const wantedSpan = touchSpanFor(NO_REPORT_FILTER, localToday(now));
    const missingSpans = spansMissing(restored.touchSpan, wantedSpan);
    let read = 0;
    const fresh = await db.transaction(
      'r',
      [...tablesOf(db, names), db.reports_journal],
      async () => {
        const journal = await journalChangesAfter(db, restored.seq);
        if (!followsJournal(journal, restored)) return false;
        addChanges(changes, journal.rows);
        const [, older] = await Promise.all([
          Promise.all(
            [...changes.rows].map(async ([name, keys]) => {
              if (keys === 'all') {
                sources[name] =
                  name === 'touchpoints'
                    ? await readTouchpointsBetween(db, wantedSpan.from, wantedSpan.to)
                    : await readWholeSource(db, name);
                read += sources[name].length;
                return;
              }
              const list = [...keys];
              const rows = await readSourceRows(db, name, list);
              const changed = new Map(list.map((key, i) => [key, rows[i] ?? null]));
              sources[name] = mergeRows(sources[name], (row) => keyOf(name, row), changed);
              read += list.length;
            }),
          ),
          Promise.all(missingSpans.map((span) => readTouchpointsBetween(db, span.from, span.to))),
        ]);
        const olderRows = older.flat();
        read += olderRows.length;
        if (olderRows.length > 0) {
          const changed = new Map(olderRows.map((row) => [keyOf('touchpoints', row), row]));
          sources.touchpoints = mergeRows(
            sources.touchpoints,
            (row) => keyOf('touchpoints', row),
            changed,
          );
        }
        kept.journal = { generation: restored.generation, seq: journal.lastSeq };
        return true;
      },
    );
    if (!fresh) return 'stale';
    // Touchpoints read whole (a range was deleted): only the default weeks are known.
    const touchesReadWhole = changes.rows.get('touchpoints') === 'all';
    // The announced changes are applied: a later load must not read them again.
    changes.rows.clear();
    kept.sources = sources;
    kept.touchSpan =
      touchesReadWhole || !restored.touchSpan
        ? wantedSpan
        : spanUnion(restored.touchSpan, wantedSpan);
    timings[`snapshot caught up (${read} rows read)`] = performance.now() - started;
    // Rows added since the snapshot: a new one covers them and trims the journal.
    if (read > 0) noteUnsaved();
    return 'restored';
  }

  /**
   * The page is asking for figures: a pending save waits until it rests (encoding the rows
   * holds the worker for a moment, and the page would wait behind it).
   */
  function deferSave() {
    lastAskedAt = clock();
    if (kept.unsaved) schedule?.poke();
  }

  /** The page asked within the save's idle time: the encode would hold its answer. */
  const askedRecently = () => clock() - lastAskedAt < saveIdleMs;

  /** Rows changed: save a snapshot once they rest. */
  function noteUnsaved() {
    if (!schedule || !kept.journal) return;
    kept.unsaved = true;
    schedule.poke();
  }

  /** A load's answer for the rows kept as they are (nothing read, nothing prepared). */
  function keptSummary(): LoadSummary {
    return {
      choices: choicesOf(kept.loaded!.prepared),
      stage: kept.stage ?? 'deals',
      loadMs: 0,
      rows: 0,
      prepared: false,
      readWhole: [],
      timings: {},
      snapshot: null,
    };
  }

  /** Saves the kept rows and the journal's seq they include, then trims the journal to it. */
  async function saveSnapshot(whenAsked: boolean): Promise<void> {
    // After the loads asked so far: never a snapshot of rows half brought up to date.
    await loading;
    if (!snapshots || !kept.journal || !kept.unsaved || kept.stage !== 'all') return;
    // Before the snapshot: a new window finds the figures it opens with as soon as the rows
    // it would restore are saved.
    keepDefaultView();
    await saveKeptResults();
    // A scheduled save gives way to the page: it asked for figures or a load while the save
    // waited (the rows' load, the kept figures' write), and encoding the rows holds the worker
    // for a second or more (18 s at load 20, measured as a filter change's wait). It saves
    // once the page rests. Asked for (tests, closing), it saves now.
    if (!whenAsked && askedRecently()) {
      schedule?.poke();
      return;
    }
    const journal = kept.journal;
    if (!journal || !kept.unsaved || kept.stage !== 'all') return;
    kept.unsaved = false;
    const bytes = encodeReportSnapshot({
      generation: journal.generation,
      seq: journal.seq,
      touchSpan: kept.touchSpan,
      sources: sourcesOf(kept),
    });
    await snapshots.save({ generation: journal.generation, seq: journal.seq }, bytes);
    await trimJournal(db, journal.seq, journal.generation);
  }

  return {
    /**
     * Brings the kept rows up to date (reading what is missing for `stage`, and the rows
     * written since the last load) and prepares them when they changed. Loads run one at a
     * time, in the order asked.
     */
    load(now: Date = new Date(), stage: LoadStage = 'all'): Promise<LoadSummary> {
      deferSave();
      // The deal figures while a load reads the people (a visit during the build at rest, a
      // million customers read for minutes): the deal rows prepared are current (no write
      // announced since the rows they include), so the page gets them now, not after the
      // people's read (docs/reports.md, "A million customers, the window kept responsive").
      if (stage === 'deals' && loadsInFlight > 0 && kept.loaded && appliedUpTo === announced)
        return Promise.resolve(keptSummary());
      return enqueue(() => loadNow(now, stage));
    },
    /** How far the rows are read (the page shows it while it waits for them). */
    progress(): ReadProgress {
      const names = [...DEAL_SOURCES, ...PEOPLE_SOURCES];
      const sources = names.map((source) => {
        const rows = kept.sources[source];
        return rows
          ? { source, rows: rows.length, done: true }
          : { source, rows: readSoFar.get(source) ?? 0, done: false };
      });
      return { reading: loadsInFlight > 0 && sources.some((s) => !s.done), sources };
    },
    /**
     * Ahead of the first visit (the app calls it when idle): restores the rows from the
     * snapshot and prepares them. With `build` (the app at rest, docs/reports.md "Figures
     * ready at rest"), also when there is no usable snapshot: the rows are read in chunks in
     * the background (deal tables, then the rest; paced by `userActive`), and when rows are
     * kept already they are brought up to date. The outcome: 'restored', 'built' or 'kept'
     * when rows are ready; why not ('missing', …) or null when nothing was tried.
     */
    async warm(now: Date = new Date(), build = false): Promise<WarmOutcome | null> {
      const first = await enqueue(async (): Promise<WarmOutcome | null> => {
        if (!snapshots) return null;
        if (kept.loaded) return build ? 'kept' : null;
        if (snapshotTried) return build ? 'missing' : null;
        snapshotTried = true;
        const timings: Record<string, number> = {};
        const outcome = await restoreSnapshot(now, tracker.take(), timings);
        if (outcome === 'restored') await loadNow(now, 'all');
        return outcome;
      });
      if (!build || first === null || first === 'restored') return first;
      const outcome: WarmOutcome = kept.loaded ? 'kept' : 'built';
      buildingSince = clock();
      lastBuild = [];
      try {
        // Two steps, so a visit meanwhile gets its deal figures between them.
        if (!kept.loaded) lastBuild.push(await enqueue(() => loadNow(now, 'deals')));
        lastBuild.push(await enqueue(() => loadNow(now, 'all')));
      } finally {
        buildingSince = null;
      }
      return outcome;
    },
    /** The loads of the last background build (the benchmark prints them). */
    lastBuild: (): LoadSummary[] => lastBuild,
    /** The user works in the window: a background build pauses between chunks. */
    userActive: () => {
      lastUserAt = clock();
    },
    /** Calls `listener` after each committed write to a table the reports read. */
    onChange: (listener: () => void) => tracker.onChange(listener),
    /** What the filters offer in the kept rows; null before the first load. */
    choices: (): ReportChoices | null => (kept.loaded ? choicesOf(kept.loaded.prepared) : null),
    compute(filter: ReportFilter, options: ReportOptions = DEFAULT_REPORT_OPTIONS): ReportView {
      const loaded = kept.loaded;
      if (!loaded) throw new Error('The reports are not loaded yet');
      deferSave();
      const { view, computed } = viewFor(loaded, filter, options);
      if (computed) keepForLaterWindows(filter, options, view);
      keepDefaultSoon();
      return view;
    },
    /**
     * The figures a window computed for this filter and kept, if they still stand (the same
     * rows by the journal, the same settings, the same local day): a new window shows them,
     * as "Updating…", before its rows are restored. Reads no row; null when none stands.
     */
    keptResult(
      now: Date,
      filter: ReportFilter,
      options: ReportOptions = DEFAULT_REPORT_OPTIONS,
    ): Promise<ReportView | null> {
      return snapshots
        ? readKeptResult(db, snapshots, now, filter, options)
        : Promise.resolve(null);
    },
    /**
     * Reads the touchpoints a filter's weeks need that are not read yet (and only those), and
     * indexes them; false when they were all read already.
     */
    async ensureTouchpoints(filter: ReportFilter): Promise<boolean> {
      const run = loading.then(async () => {
        const loaded = kept.loaded;
        const touchpoints = kept.sources.touchpoints;
        if (!loaded || !touchpoints) throw new Error('The reports are not loaded yet');
        const wanted = touchSpanFor(filter, loaded.prepared.context.today);
        const missing = spansMissing(kept.touchSpan, wanted);
        if (missing.length === 0) return false;
        forgetResults();
        const parts = await db.transaction('r', db.customer_engagement_metrics, () =>
          Promise.all(missing.map((span) => readTouchpointsBetween(db, span.from, span.to))),
        );
        const changed = new Map(parts.flat().map((row) => [keyOf('touchpoints', row), row]));
        const rows = mergeRows(touchpoints, (row) => keyOf('touchpoints', row), changed);
        kept.sources.touchpoints = rows;
        kept.touchSpan = spanUnion(kept.touchSpan, wanted);
        const { prepared } = loaded;
        const touches = indexTouchpoints(
          rows as ReportTouchpoint[],
          prepared.customers,
          prepared.context,
        );
        kept.loaded = { ...loaded, prepared: { ...prepared, touches } };
        forgetResults();
        noteUnsaved();
        return true;
      });
      loading = run.catch(() => undefined);
      return run;
    },
    behind(drill: Drill, limit = 500): BehindList | null {
      if (!kept.loaded || kept.stage !== 'all') throw new Error('The reports are not loaded yet');
      return rowsBehind(kept.loaded, drill, limit);
    },
    /** Saves the snapshot now if rows changed since the last (tests, closing). */
    /** What the schedule runs once the rows rest: gives way if the page asked since (tests). */
    saveWhenRested: () => saveSnapshot(false),
    saveSnapshot: async () => {
      await schedule?.flush();
      await saveSnapshot(true);
      await saveKeptResults();
    },
    /** The default filter's figures kept now if the page rested (tests). */
    keepDefaultWhenRested,
    stop: () => {
      if (keepTimer) clearTimeout(keepTimer);
      if (defaultTimer) clearTimeout(defaultTimer);
      schedule?.stop();
      tracker.stop();
    },
  };

  function computeNow(loaded: Loaded, filter: ReportFilter, options: ReportOptions): ReportView {
    const started = performance.now();
    // Deal figures only while the people are read; with a tag filter, even the deal
    // figures need the customers' tags: everything waits.
    let ready: readonly ReportSection[] =
      kept.stage === 'all' ? ALL_SECTIONS : filter.tag === null ? DEAL_SECTIONS : [];
    const needsTouchpoints =
      kept.stage === 'all' &&
      !spanCovers(kept.touchSpan, touchSpanFor(filter, loaded.prepared.context.today));
    if (needsTouchpoints) ready = ready.filter((section) => section !== 'engagement');
    const pending = ALL_SECTIONS.filter((section) => !ready.includes(section));
    if (ready.length === 0) {
      return {
        ok: true,
        tables: [],
        pending,
        needsTouchpoints,
        reportingCurrency: loaded.reportingCurrency,
        computeMs: 0,
      };
    }
    const result = computeReports(loaded.prepared, filter, options, figures);
    if (!result.ok) return result;
    const tables = result.reports.tables.filter((table) => {
      const section = sectionOf(table.id);
      return section !== null && ready.includes(section);
    });
    return {
      ok: true,
      tables,
      pending,
      needsTouchpoints,
      reportingCurrency: loaded.reportingCurrency,
      computeMs: performance.now() - started,
    };
  }
}

export type ReportEngine = ReturnType<typeof createReportEngine>;
