/**
 * The reports kept in memory: the rows read once per data change and prepared
 * (`prepareReports`), then every filter change answered from them (`computeReports`), and
 * the rows behind a clicked cell (`dealsBehind`, …). The reports worker runs one; where
 * workers are missing the window runs one itself. Everything it returns is plain data.
 */
import type { CrmDatabase } from '../../../db/database';
import { formatMoney } from '../../../domain/deals/money';
import { statusLabel } from '../../../domain/deals/statuses';
import type { PreparedReports, ReportOptions } from '../../../domain/reports/compute';
import {
  computeReports,
  DEFAULT_REPORT_OPTIONS,
  prepareReports,
} from '../../../domain/reports/compute';
import type { Drill } from '../../../domain/reports/drill';
import { customersBehind, dealsBehind, tasksBehind } from '../../../domain/reports/drill-resolve';
import type { FilterProblem, ReportFilter } from '../../../domain/reports/filter';
import type { ReportTable } from '../../../domain/reports/report-table';
import { readReportSettings, readReportSources } from './report-sources';

/** What the page's filters offer: the values present in the data. */
export type ReportChoices = { currencies: string[]; tags: string[] };

export type ReportView =
  | {
      ok: true;
      tables: ReportTable[];
      reportingCurrency: string | null;
      /** Milliseconds this computation took (shown to no one; read by the benchmark). */
      computeMs: number;
    }
  | { ok: false; problems: FilterProblem[] };

/** One row of the list behind a figure: what it is, and the page that opens it. */
export type BehindRow = { id: string; title: string; detail: string; href: string };

export type BehindList = {
  kind: 'deals' | 'customers' | 'tasks';
  label: string;
  total: number;
  rows: BehindRow[];
};

export type LoadSummary = { choices: ReportChoices; loadMs: number; rows: number };

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
    detail: [
      deal.event_date ?? 'No date',
      deal.venue || 'No venue',
      statusLabel(deal.status),
      formatMoney(deal.amount_minor, deal.currency),
    ].join(' · '),
    href: `/deals/${deal.id}`,
  }));
}

function customerRows(loaded: Loaded, drill: Extract<Drill, { kind: 'customers' }>): BehindRow[] {
  const { prepared } = loaded;
  return customersBehind(drill, prepared.customers, prepared.touches, prepared.context).map(
    (customer) => ({
      id: customer.customer_id,
      title: customer.display_name,
      detail: [
        customer.lifecycle,
        customer.tags.join(', ') || 'No tags',
        customer.last_touch_at
          ? `Last touch ${customer.last_touch_at.slice(0, 10)}`
          : 'Never touched',
      ].join(' · '),
      href: `/customers/${customer.customer_id}`,
    }),
  );
}

function taskRows(loaded: Loaded, drill: Extract<Drill, { kind: 'tasks' }>): BehindRow[] {
  const { prepared } = loaded;
  return tasksBehind(drill, prepared.tasks, prepared.context).map((task) => ({
    id: task.id,
    title: loaded.taskTitles.get(task.id) ?? 'Untitled task',
    detail: [
      task.status.replace('_', ' '),
      Number.isNaN(task.dueMs)
        ? 'No due date'
        : `Due ${new Date(task.dueMs).toISOString().slice(0, 10)}`,
    ].join(' · '),
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

export function createReportEngine(db: CrmDatabase) {
  let loaded: Loaded | null = null;
  return {
    /** Reads every table and prepares the figures; called once per data change. */
    async load(now: Date = new Date()): Promise<LoadSummary> {
      const started = performance.now();
      const [sources, settings] = await Promise.all([
        readReportSources(db),
        readReportSettings(db, now),
      ]);
      const prepared = prepareReports(sources, settings);
      const taskTitles = new Map(sources.tasks.map((task) => [task.id, task.title]));
      loaded = { prepared, taskTitles, reportingCurrency: settings.reportingCurrency };
      return {
        choices: choicesOf(prepared),
        loadMs: performance.now() - started,
        rows:
          sources.deals.length +
          sources.customers.length +
          sources.touchpoints.length +
          sources.tasks.length,
      };
    },
    compute(filter: ReportFilter, options: ReportOptions = DEFAULT_REPORT_OPTIONS): ReportView {
      if (!loaded) throw new Error('The reports are not loaded yet');
      const started = performance.now();
      const result = computeReports(loaded.prepared, filter, options);
      if (!result.ok) return result;
      return {
        ok: true,
        tables: result.reports.tables,
        reportingCurrency: loaded.reportingCurrency,
        computeMs: performance.now() - started,
      };
    },
    behind(drill: Drill, limit = 500): BehindList | null {
      if (!loaded) throw new Error('The reports are not loaded yet');
      return rowsBehind(loaded, drill, limit);
    },
  };
}

export type ReportEngine = ReturnType<typeof createReportEngine>;
