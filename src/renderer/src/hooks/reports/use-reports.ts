/**
 * The dashboard's data: a cheap live fingerprint of the tables the reports read (index keys
 * and counts) tells the reports worker to read and prepare again; each filter change asks it
 * for the figures. The page never holds the rows themselves.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { startTransition, useEffect, useState } from 'react';
import { getDb } from '../../db/instance';
import { DEFAULT_REPORT_OPTIONS } from '../../domain/reports/compute';
import type { Drill } from '../../domain/reports/drill';
import type { ReportFilter } from '../../domain/reports/filter';
import type {
  BehindList,
  ReportChoices,
  ReportView,
} from '../../services/crm/reports/report-engine';
import { reportDataStamp } from '../../services/crm/reports/report-sources';
import { reportsClient } from '../../workers/reports-client';

export type ReportState = {
  /** Null until the first figures arrive. */
  view: ReportView | null;
  choices: ReportChoices;
  /** True while figures for a newer filter or newer data are on their way. */
  busy: boolean;
  error: string | null;
};

const NO_CHOICES: ReportChoices = { currencies: [], tags: [] };

/** Loads (again) whenever the data changes; returns the load's number, 0 before the first. */
function useLoadedVersion(onError: (message: string) => void) {
  const stamp = useLiveQuery(() => reportDataStamp(getDb()), []);
  const [loaded, setLoaded] = useState({ version: 0, choices: NO_CHOICES });
  useEffect(() => {
    if (stamp === undefined) return;
    let live = true;
    performance.mark('reports-load-start');
    reportsClient()
      .load(Date.now())
      .then((summary) => {
        performance.mark('reports-loaded');
        if (live) setLoaded((old) => ({ version: old.version + 1, choices: summary.choices }));
      })
      .catch((error: unknown) => live && onError(String(error)));
    return () => {
      live = false;
    };
  }, [stamp, onError]);
  return loaded;
}

/** The figures for a filter; `quietDays` is the N of "not touched in N days". */
export function useReports(filter: ReportFilter, quietDays: number): ReportState {
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoadedVersion(setError);
  const [result, setResult] = useState<{ view: ReportView; for: unknown } | null>(null);
  const key = `${loaded.version}:${quietDays}:${JSON.stringify(filter)}`;
  useEffect(() => {
    if (loaded.version === 0) return;
    let live = true;
    performance.mark('reports-compute-start');
    reportsClient()
      .compute(filter, { ...DEFAULT_REPORT_OPTIONS, quietDays })
      .then((view) => {
        if (!live) return;
        performance.mark('reports-computed');
        // A transition: React renders the thirty figures in slices and yields between them,
        // so the page stays responsive (no long main-thread task) while they are drawn.
        startTransition(() => setResult({ view, for: key }));
      })
      .catch((failure: unknown) => live && setError(String(failure)));
    return () => {
      live = false;
    };
    // `key` stands for the version, N and the filter's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return {
    view: result?.view ?? null,
    choices: loaded.choices,
    busy: result?.for !== key,
    error,
  };
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
          .load(Date.now())
          .then(() => client.behind(drill, 1000))
          .then((rows) => live && setList(rows)),
      );
    return () => {
      live = false;
    };
  }, [drill]);
  return drill ? list : null;
}
