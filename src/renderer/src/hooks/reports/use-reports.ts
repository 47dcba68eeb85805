/**
 * The dashboard's data: the reports worker keeps the rows it read and tells the page when a
 * write touched a table the reports read; the page then asks it to load (it re-reads only the
 * written rows) and to compute the figures for the filter. The deal figures come first, the
 * people's as soon as their rows are read. The page never holds the rows themselves.
 */
import { startTransition, useEffect, useRef, useState } from 'react';
import { getDb } from '../../db/instance';
import { DEFAULT_REPORT_OPTIONS } from '../../domain/reports/compute';
import type { Drill } from '../../domain/reports/drill';
import type { ReportFilter } from '../../domain/reports/filter';
import type {
  BehindList,
  LoadStage,
  LoadSummary,
  ReadProgress,
  ReportChoices,
  ReportView,
  WarmOutcome,
} from '../../services/crm/reports/report-engine';
import { createResultCache } from '../../services/crm/reports/report-result-cache';
import { localDayOf } from '../../domain/reports/rest-rule';
import {
  DeferredRefresh,
  IMPORT_DEFER_TIMING,
} from '../../services/crm/import/defer-while-importing';
import { bulkWriteInProgress } from '../../services/crm/import/import-locks';
import { reportsClient } from '../../workers/reports-client';

export type ReportState = {
  /** Null until the first figures arrive. */
  view: ReportView | null;
  choices: ReportChoices;
  /** True while figures for a newer filter or newer data are on their way. */
  busy: boolean;
  /**
   * True while the figures shown are about to be replaced: the previous filter's (or those of
   * the data before a write), neither the answer for this filter nor figures kept for it.
   * The page then mounts, draws and catches up nothing more of them.
   */
  superseded: boolean;
  error: string | null;
};

/** Writes announced by the worker, counted; one subscription per window. */
const changes = {
  version: 0,
  /** Writes announced, counted at once (`version` waits for a burst to end). */
  written: 0,
  /** When the last was announced (performance.now()), for "the app rests". */
  lastWriteAt: 0,
  listeners: new Set<() => void>(),
  subscribed: false,
  /**
   * A bulk write announces itself per transaction: one load for a burst of them (100 ms after
   * its first write), and while an import or the seed writes, one load when it ends (or every
   * 20 s), not one per chunk (defer-while-importing.ts). The worker keeps collecting the keys
   * written meanwhile, so the load that follows reads them all.
   */
  reload: new DeferredRefresh(
    async () => {
      changes.version += 1;
      for (const l of changes.listeners) l();
    },
    () => bulkWriteInProgress(getDb().name),
    { ...IMPORT_DEFER_TIMING, quietMs: 100 },
  ),
};
/** The filter choices of the last load, for the page's next visit. */
let lastChoices: ReportChoices = { currencies: [], tags: [] };

/**
 * The figures last shown per filter, kept while the page is away: a visit again (or a filter
 * chosen again) shows them at once while the worker confirms them. Any write announced
 * forgets them at once (before the debounced load), so figures from before a write are
 * never shown again as current.
 */
const shown = createResultCache<ReportView>(8);

/**
 * Figures kept for a filter from a new window's kept read (its own or the warm-up's, whichever
 * answers first), told to the mounted page: the warm-up's read used to fill `shown` unseen,
 * and a page that had asked too waited for its own load to render them (measured: the kept
 * figures read 0.5 s after the visit, shown 1.9 s after it, with the worker's restore).
 */
const keptListeners = new Set<() => void>();

/** Keeps `view` as the figures last shown for `key` and tells the mounted page. */
function keepShown(key: string, view: ReportView): void {
  shown.set(key, view);
  for (const listener of keptListeners) listener();
}

/** Calls `listener` when figures kept for a window (see keepShown) arrive. */
export function onKeptFigures(listener: () => void): () => void {
  keptListeners.add(listener);
  return () => keptListeners.delete(listener);
}

/** The figures last shown for `key` in this window, if any (tests). */
export const shownFor = (key: string): ReportView | undefined => shown.get(key);

/** How long a new window's first load waits for the kept figures' read (see loadAfterKept). */
export const KEPT_READ_WAIT_MS = 1_000;

/** The kept figures' read in flight, if any (a new window). */
let keptReading: Promise<unknown> = Promise.resolve();

/** Starts a read of kept figures: the next first load waits for it (see loadAfterKept). */
function readingKept<T>(read: Promise<T>): Promise<T> {
  keptReading = read.catch(() => undefined);
  return read;
}

/**
 * Runs `load` once the kept figures' read in flight has answered (at most `waitMs`): the
 * load's first step in a new window is the worker's read of the snapshot (29 MB at manager
 * scale), and a small read asked at the same time waited behind it in IndexedDB (measured:
 * 2.2 s instead of 0.5 s), so the figures kept for the window came no sooner than the
 * worker's own. The worker's restore starts that much later; its figures were not on screen.
 */
export async function loadAfterKept<T>(load: () => Promise<T>, waitMs = KEPT_READ_WAIT_MS) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    keptReading,
    new Promise((resolve) => (timer = setTimeout(resolve, waitMs))),
  ]);
  clearTimeout(timer);
  return load();
}

/**
 * The key of the figures shown for a filter and N, on this local day: figures kept from
 * yesterday (overdue tasks, weeks, days in stage) are never shown again as today's.
 */
export function shownKey(filter: ReportFilter, quietDays: number, now = new Date()): string {
  const day = `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
  return `${day}:${quietDays}:${JSON.stringify(filter)}`;
}

/**
 * Whether the figures shown are superseded: an answer is shown (`answeredFor`, the key it
 * answered), it is not for `key` (this data and filter), and no figures are kept for this
 * filter (those would be shown instead, and stay until the worker confirms them).
 */
export function shownSuperseded(
  answeredFor: string | null,
  key: string,
  keptForFilter: boolean,
): boolean {
  return answeredFor !== null && answeredFor !== key && !keptForFilter;
}

/** Follows the worker's write announcements (once per window): any write forgets `shown`. */
function followChanges(): void {
  if (changes.subscribed) return;
  changes.subscribed = true;
  reportsClient().onChange(() => {
    changes.written += 1;
    changes.lastWriteAt = performance.now();
    shown.clear();
    changes.reload.poke();
  });
}

function onReportDataChange(listener: () => void): () => void {
  followChanges();
  changes.listeners.add(listener);
  return () => changes.listeners.delete(listener);
}

/**
 * The app at rest (ReportsPreloadEffect): the worker restores its rows from the snapshot and
 * computes the figures for the filter the page will open with; they are kept as the figures
 * last shown for it, so the first visit shows them at once (marked "Updating…" until the
 * worker confirms them, as on a visit again). Not kept when a write was announced meanwhile
 * (writes are followed from before the computation is asked) or the day changed. With
 * `build` (the app rested: reports-at-rest.ts), the worker also builds its rows in the
 * background when no snapshot serves, or brings the rows it keeps up to date (a new day).
 * True if the figures were computed (rows restored, built or kept).
 */
export async function warmReports(
  filter: ReportFilter,
  quietDays: number,
  build = false,
): Promise<boolean> {
  followChanges();
  const writtenBefore = changes.written;
  const key = shownKey(filter, quietDays);
  const options = { ...DEFAULT_REPORT_OPTIONS, quietDays };
  // First the figures a window kept for this filter, if they still stand: one small read,
  // done before the worker reads the snapshot (seconds at manager scale), so a visit during
  // the restore shows them at once.
  if (!shown.get(key)) {
    const kept = await readingKept(reportsClient().kept(Date.now(), filter, options)).catch(
      () => null,
    );
    const stands = changes.written === writtenBefore && shownKey(filter, quietDays) === key;
    if (kept && stands && !shown.get(key)) keepShown(key, kept);
  }
  const { warmed, view, choices, outcome, loads } = await reportsClient().warm(
    Date.now(),
    filter,
    options,
    build,
  );
  lastWarm = { outcome, loads };
  if (choices) lastChoices = choices;
  if (warmed) readyDay = localDayOf(new Date());
  const whole = view?.ok === true && view.pending.length === 0 && !view.needsTouchpoints;
  if (view && whole && changes.written === writtenBefore && shownKey(filter, quietDays) === key)
    keepShown(key, view);
  return warmed;
}

/** What the last warm-up did and its loads (the benchmark reads them from a mark). */
let lastWarm: { outcome: WarmOutcome | null; loads: LoadSummary[] } | null = null;
export const lastWarmResult = () => lastWarm;

/** When the worker last announced a write to a table the reports read (0: none yet). */
export const lastReportWriteAt = (): number => changes.lastWriteAt;

/**
 * The local day figures were last made ready in this window (the page's answer, or a warm-up
 * that computed them): the rest build (reports-at-rest.ts) is due on another day only.
 */
let readyDay: string | null = null;
export const figuresReadyDay = (): string | null => readyDay;

/** Pages showing the reports now (the rest build leaves their loads to them). */
let pagesShown = 0;
export const reportsPageShown = (): boolean => pagesShown > 0;

function useReportDataVersion(): number {
  const [version, setVersion] = useState(changes.version);
  useEffect(() => onReportDataChange(() => setVersion(changes.version)), []);
  return version;
}

/**
 * Loads (again) on the first visit and whenever the data changes: the deal tables first,
 * then every table. Returns the load's number, 0 before the first.
 */
function useLoadedVersion(onError: (message: string) => void) {
  const dataVersion = useReportDataVersion();
  const [loaded, setLoaded] = useState({ version: 0, choices: lastChoices });
  useEffect(() => {
    pagesShown += 1;
    return () => {
      pagesShown -= 1;
    };
  }, []);
  useEffect(() => {
    let live = true;
    const client = reportsClient();
    const load = async (stage: LoadStage) => {
      performance.mark('reports-load-start', { detail: stage });
      const summary = await client.load(Date.now(), stage);
      performance.mark('reports-loaded', { detail: summary });
      lastChoices = summary.choices;
      if (live) setLoaded((old) => ({ version: old.version + 1, choices: summary.choices }));
      return summary;
    };
    loadAfterKept(() => load('deals'))
      .then((first) => (first.stage === 'all' || !live ? first : load('all')))
      .catch((error: unknown) => live && onError(String(error)));
    return () => {
      live = false;
    };
  }, [dataVersion, onError]);
  return loaded;
}

/**
 * A new window: the figures a window kept for this filter, if they still stand (the worker
 * says so from the journal, the settings and the day, before its rows are restored), shown as
 * the figures last shown until its own answer comes. Asked before the page's first load, so
 * their small read is not queued behind the worker's read of the snapshot. `answered` holds
 * the key the worker last answered (its answer wins over figures arriving late).
 */
function useKeptFigures(
  filter: ReportFilter,
  quietDays: number,
  filterKey: string,
  answered: { current: string | null },
): void {
  const [, setKeptArrived] = useState(0);
  // Kept figures from the warm-up's read too (it may answer first): render them.
  useEffect(() => onKeptFigures(() => setKeptArrived((n) => n + 1)), []);
  useEffect(() => {
    if (shown.get(filterKey)) return;
    let live = true;
    followChanges();
    const writtenBefore = changes.written;
    const options = { ...DEFAULT_REPORT_OPTIONS, quietDays };
    readingKept(reportsClient().kept(Date.now(), filter, options))
      .then((view) => {
        const late = answered.current !== null && answered.current.endsWith(`:${filterKey}`);
        if (!live || !view || late || changes.written !== writtenBefore) return;
        if (shown.get(filterKey)) return;
        keepShown(filterKey, view);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // `filterKey` stands for the filter's content and N.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filterKey]);
}

/** The figures for a filter; `quietDays` is the N of "not touched in N days". */
export function useReports(filter: ReportFilter, quietDays: number): ReportState {
  const [error, setError] = useState<string | null>(null);
  const filterKey = shownKey(filter, quietDays);
  const answered = useRef<string | null>(null);
  // Before the load: its effect runs first, and its read comes before the snapshot's.
  useKeptFigures(filter, quietDays, filterKey, answered);
  const loaded = useLoadedVersion(setError);
  const [result, setResult] = useState<{ view: ReportView; for: unknown } | null>(null);
  const key = `${loaded.version}:${filterKey}`;
  if (result?.for === key) answered.current = key;
  useEffect(() => {
    if (loaded.version === 0) return;
    let live = true;
    performance.mark('reports-compute-start');
    const client = reportsClient();
    const options = { ...DEFAULT_REPORT_OPTIONS, quietDays };
    const writtenBefore = changes.written;
    const show = (view: ReportView) => {
      if (!live) return;
      // The worker's timing in this window's clock (the benchmark splits a filter change).
      const timing = view.ok ? view.timing : undefined;
      const local = (epoch: number) => epoch - performance.timeOrigin;
      performance.mark('reports-computed', {
        detail: timing && {
          askedAt: local(timing.askedAt),
          computedAt: local(timing.computedAt),
          sentAt: local(timing.sentAt),
        },
      });
      // Kept for a visit again unless a write was announced while it was computed.
      if (changes.written === writtenBefore) shown.set(filterKey, view);
      if (view.ok && view.pending.length === 0) readyDay = localDayOf(new Date());
      // A transition: React renders the figures in slices and yields between them, so the
      // page stays responsive (no long main-thread task) while they are drawn.
      startTransition(() => setResult({ view, for: key }));
    };
    const run = async () => {
      const view = await client.compute(filter, options);
      show(view);
      // Dates reaching weeks whose touchpoints are not read yet: read them, then compute again
      // (the engagement section says "calculating" meanwhile).
      if (view.ok && view.needsTouchpoints && live) {
        await client.ensureTouchpoints(filter);
        if (live) show(await client.compute(filter, options));
      }
    };
    run().catch((failure: unknown) => live && setError(String(failure)));
    return () => {
      live = false;
    };
    // `key` stands for the version, N and the filter's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  // Until the worker answers for this filter: the figures last shown for it, if nothing was
  // written since, else the previous filter's figures (marked busy).
  const keptForFilter = shown.get(filterKey);
  const current = result?.for === key ? result.view : (keptForFilter ?? result?.view);
  return {
    view: current ?? null,
    choices: loaded.choices,
    busy: result?.for !== key,
    superseded: shownSuperseded(
      result ? String(result.for) : null,
      key,
      keptForFilter !== undefined,
    ),
    error,
  };
}

/** How often the page asks the worker how far it has read, while it waits for rows. */
export const PROGRESS_POLL_MS = 500;

/**
 * How far the worker has read the rows, asked every PROGRESS_POLL_MS while `waiting` (the
 * page has no figures yet, or sections wait for their rows); null otherwise or before the
 * first answer. One small message each time, the next asked once the last is answered.
 */
export function useReadProgress(waiting: boolean): ReadProgress | null {
  const [progress, setProgress] = useState<ReadProgress | null>(null);
  useEffect(() => {
    if (!waiting) {
      setProgress(null);
      return;
    }
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => {
      reportsClient()
        .progress()
        .then((answer) => live && setProgress(answer))
        .catch(() => undefined)
        .finally(() => {
          if (live) timer = setTimeout(ask, PROGRESS_POLL_MS);
        });
    };
    ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [waiting]);
  return progress;
}

/** The rows behind a clicked figure (loading the reports first when the page was reloaded). */
export function useRowsBehind(drill: Drill | null): BehindList | null | undefined {
  const [list, setList] = useState<BehindList | null | undefined>(undefined);
  useEffect(() => {
    if (!drill) return;
    let live = true;
    const client = reportsClient();
    client
      .behind(drill, 1000)
      .then((rows) => live && setList(rows))
      .catch(() =>
        client
          .load(Date.now(), 'all')
          .then(() => client.behind(drill, 1000))
          .then((rows) => live && setList(rows)),
      );
    return () => {
      live = false;
    };
  }, [drill]);
  return drill ? list : null;
}
