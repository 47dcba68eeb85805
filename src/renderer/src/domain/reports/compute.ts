/**
 * The whole report page in two steps, made to run in a worker over plain arrays:
 * `prepareReports` once per data change (indexes: timelines from the status history, task
 * owners, touchpoint days, deal tags), then `computeReports` per filter change (one pass per
 * figure over prepared rows, no nested scans). docs/reports.md has the measured times.
 */
import type { AudienceReport } from './audience';
import { audienceReport } from './audience';
import type { ReportSettings } from './context';
import { createReportContext, dealTagsOf } from './context';
import { createRateBook } from './exchange-rates';
import type { CustomerIndex } from './customer-index';
import { reindexReplaced } from './customer-index';
import type { NotTouched, EngagedCustomer, TouchesByWeek, TouchIndex } from './engagement';
import { indexTouchpoints, mostEngaged, notTouched, touchesByWeek } from './engagement';
import { logScoresByCustomer } from './engagement-score';
import type { FilterProblem, ReportFilter } from './filter';
import { filterProblems } from './filter';
import type { FigureMemo } from './figure-memo';
import { NO_FIGURE_MEMO } from './figure-memo';
import type {
  ReportAssignment,
  ReportContext,
  ReportCustomer,
  ReportDeal,
  ReportMember,
  ReportParticipant,
  ReportStatusChange,
  ReportTask,
  ReportTouchpoint,
} from './inputs';
import type { PipelineSnapshot } from './pipeline';
import { pipelineSnapshot } from './pipeline';
import type { PipelineFlow } from './pipeline-flow';
import { pipelineFlow } from './pipeline-flow';
import type { HoldDueSoon, SlotConflict, StaleByStage } from './pipeline-risks';
import { holdsDueSoon, staleDeals, upcomingConflicts } from './pipeline-risks';
import type { ReportTable, TableOptions } from './report-table';
import type { RevenueReport } from './revenue';
import { revenueByMonth } from './revenue';
import type { DealTimeline } from './stage-history';
import { buildTimelines } from './stage-history';
import * as customerTables from './tables-customers';
import * as flowTables from './tables-flow';
import * as pipelineTables from './tables-pipeline';
import * as riskTables from './tables-risks';
import { revenueCombinedTable, revenueCurrencyTable } from './tables-revenue';
import { completedPerWeekTable, teamTable } from './tables-team';
import type { TaskFacts, TeamReport } from './team';
import { taskFacts, teamDeals, teamFromParts, teamTasks } from './team';

export type ReportSources = {
  deals: readonly ReportDeal[];
  history: readonly ReportStatusChange[];
  participants: readonly ReportParticipant[];
  customers: readonly ReportCustomer[];
  touchpoints: readonly ReportTouchpoint[];
  tasks: readonly ReportTask[];
  assignments: readonly ReportAssignment[];
  members: readonly ReportMember[];
};

export type PreparedReports = {
  context: ReportContext;
  deals: ReportDeal[];
  timelines: DealTimeline[];
  tasks: TaskFacts[];
  touches: TouchIndex;
  customers: CustomerIndex;
  members: readonly ReportMember[];
};

export function prepareReports(sources: ReportSources, settings: ReportSettings): PreparedReports {
  // Until the list row stores the engagement log-score, compute it here (one pass).
  let customers = sources.customers;
  if (customers.some((c) => c.engagement_log === undefined)) {
    const scores = logScoresByCustomer(sources.touchpoints);
    customers = customers.map((c) =>
      c.engagement_log === undefined
        ? { ...c, engagement_log: scores.get(c.customer_id) ?? null }
        : c,
    );
  }
  const context = createReportContext({ customers, participants: sources.participants }, settings);
  const deals = sources.deals.filter((d) => d.deleted !== 1);
  const customerIndex = context.customers;
  return {
    context,
    deals,
    timelines: buildTimelines(deals, sources.history),
    tasks: taskFacts(sources.tasks, sources.assignments),
    touches: indexTouchpoints(sources.touchpoints, customerIndex, context),
    customers: customerIndex,
    members: sources.members,
  };
}

/**
 * The prepared reports after some rows changed, preparing again only what depends on them:
 * deal writes rebuild the deal timelines (not the customer index), task writes the task
 * facts, touchpoint writes the touch index; customers replaced in place update their entries
 * (a customer added or removed indexes them all again). `changed` holds the keys written per
 * source; `sources` are the rows after the writes. Equal to `prepareReports(sources, settings)`
 * (property-tested through the engine); the caller keeps the time zone unchanged.
 */
export function prepareChanged(
  before: PreparedReports,
  sources: ReportSources,
  settings: ReportSettings,
  changed: ReadonlyMap<keyof ReportSources, ReadonlySet<string>>,
): PreparedReports {
  const has = (name: keyof ReportSources) => changed.has(name);
  const renewed = withSettings(before, settings, settings.timeZone);
  if (!renewed) return prepareReports(sources, settings);
  let customers = before.customers;
  if (has('customers')) {
    const replaced = reindexReplaced(
      customers,
      sources.customers,
      changed.get('customers')!,
      before.context.zone,
    );
    if (!replaced) return prepareReports(sources, settings);
    customers = replaced;
  }
  const context: ReportContext = {
    ...renewed.context,
    customers,
    dealTags:
      has('customers') || has('participants')
        ? dealTagsOf(sources.participants, customers)
        : before.context.dealTags,
  };
  const deals = has('deals') ? sources.deals.filter((d) => d.deleted !== 1) : before.deals;
  return {
    context,
    deals,
    timelines:
      has('deals') || has('history') ? buildTimelines(deals, sources.history) : before.timelines,
    tasks:
      has('tasks') || has('assignments')
        ? taskFacts(sources.tasks, sources.assignments)
        : before.tasks,
    touches: has('touchpoints')
      ? indexTouchpoints(sources.touchpoints, customers, context)
      : before.touches,
    customers,
    members: sources.members,
  };
}

export type ReportOptions = TableOptions & {
  /** "Not touched in N days". */
  quietDays: number;
  /** How many most engaged customers to list. */
  topEngaged: number;
  /** Holds due and conflicts look this many days ahead. */
  soonDays: number;
};

export const DEFAULT_REPORT_OPTIONS: ReportOptions = {
  quietDays: 90,
  topEngaged: 10,
  soonDays: 30,
};

export type Reports = {
  filter: ReportFilter;
  revenue: RevenueReport;
  pipeline: PipelineSnapshot;
  flow: PipelineFlow;
  stale: StaleByStage[];
  holdsDue: HoldDueSoon[];
  conflicts: SlotConflict[];
  team: TeamReport;
  touches: TouchesByWeek;
  notTouched: NotTouched;
  mostEngaged: EngagedCustomer[];
  audience: AudienceReport;
  tables: ReportTable[];
};

export type ReportsResult =
  { ok: true; reports: Reports } | { ok: false; problems: FilterProblem[] };

/**
 * Every figure and its table for `filter`. With a `memo` (the engine keeps one), a figure
 * whose inputs (the prepared parts it reads, the filter fields it read) are unchanged since
 * the last call is the same object as then, and so is its table.
 */
export function computeReports(
  prepared: PreparedReports,
  filter: ReportFilter,
  options: ReportOptions = DEFAULT_REPORT_OPTIONS,
  memo: FigureMemo = NO_FIGURE_MEMO,
): ReportsResult {
  const problems = filterProblems(filter);
  if (problems.length > 0) return { ok: false, problems };
  const { context, deals, timelines, customers } = prepared;
  const { soonDays, quietDays, topEngaged } = options;
  const m = memo.figure;
  // The team figure in two parts: a currency change computes the deal part again, not the task part.
  const teamDealPart = m('team-deals', [timelines, context], filter, (f) =>
    teamDeals(timelines, f, context),
  );
  const teamTaskPart = m('team-tasks', [prepared.tasks, context], filter, (f) =>
    teamTasks(prepared.tasks, f, context),
  );
  const figures = {
    filter,
    revenue: m('revenue', [deals, context], filter, (f) => revenueByMonth(deals, f, context)),
    pipeline: m('pipeline', [deals, context], filter, (f) => pipelineSnapshot(deals, f, context)),
    flow: m('flow', [timelines, context], filter, (f) => pipelineFlow(timelines, f, context)),
    stale: m('stale', [deals, context], filter, (f) => staleDeals(deals, f, context)),
    holdsDue: m('holdsDue', [deals, context, soonDays], filter, (f) =>
      holdsDueSoon(deals, f, context, soonDays),
    ),
    conflicts: m('conflicts', [deals, context, soonDays], filter, (f) =>
      upcomingConflicts(deals, f, context, soonDays),
    ),
    team: m('team', [teamDealPart, teamTaskPart, prepared.members, context], filter, (f) =>
      teamFromParts(teamDealPart, teamTaskPart, prepared.members, f, context),
    ),
    touches: m('touches', [prepared.touches, customers, context], filter, (f) =>
      touchesByWeek(prepared.touches, customers, f, context),
    ),
    notTouched: m('notTouched', [customers, context, quietDays], filter, (f) =>
      notTouched(customers, f, context, quietDays),
    ),
    mostEngaged: m('mostEngaged', [customers, context, topEngaged], filter, (f) =>
      mostEngaged(customers, f, context, topEngaged),
    ),
    audience: m('audience', [customers, context], filter, (f) =>
      audienceReport(customers, f, context),
    ),
  };
  return {
    ok: true,
    reports: { ...figures, tables: reportTables(figures, context, options, memo) },
  };
}

/** Every figure's table, in page order (each kept in `memo` with its figure and filter reads). */
export function reportTables(
  figures: Omit<Reports, 'tables'>,
  context: ReportContext,
  options: ReportOptions,
  memo: FigureMemo = NO_FIGURE_MEMO,
): ReportTable[] {
  const { filter } = figures;
  const optionsKey = JSON.stringify(options);
  const table = <F>(
    name: string,
    figure: F,
    make: (figure: F, filter: ReportFilter) => ReportTable | null,
  ) =>
    memo.figure(`table:${name}:${optionsKey}`, [figure, context], filter, (f) => make(figure, f));
  const tables: (ReportTable | null)[] = [
    table('revenue-combined', figures.revenue, (r, f) => revenueCombinedTable(r, f, options)),
    ...figures.revenue.currencies.map((c) =>
      table(`revenue-${c}`, figures.revenue, (r, f) => revenueCurrencyTable(r, c, f, options)),
    ),
    table('stages-combined', figures.pipeline, (p, f) =>
      pipelineTables.stageValueCombinedTable(p, f, options),
    ),
    table('stages', figures.pipeline, (p, f) => pipelineTables.stageValueTable(p, f, options)),
    table('conversion', figures.flow, (p, f) => flowTables.conversionTable(p, f, options)),
    table('days', figures.flow, (p, f) => flowTables.stageDaysTable(p, f, options)),
    table('win-rate', figures.flow, (p, f) => flowTables.winRateTable(p, f, options)),
    table('stale', figures.stale, (p, f) => riskTables.staleTable(p, f, options)),
    table('holds-due', figures.holdsDue, (p) =>
      riskTables.holdsDueTable(p, options.soonDays, options),
    ),
    table('conflicts', figures.conflicts, (p) =>
      riskTables.conflictsTable(p, options.soonDays, options),
    ),
    table('team', figures.team, (p, f) => teamTable(p, f, options)),
    table('completed', figures.team, (p, f) => completedPerWeekTable(p, f, options)),
    table('touches', figures.touches, (p, f) => customerTables.touchesTable(p, f, options)),
    table('not-touched', figures.notTouched, (p, f) =>
      customerTables.notTouchedTable(p, f, options),
    ),
    table('most-engaged', figures.mostEngaged, (p) => customerTables.mostEngagedTable(p, context)),
    ...memo.figure(`table:audience:${optionsKey}`, [figures.audience, context], filter, (f) =>
      customerTables.audienceTables(figures.audience, f, options),
    ),
  ];
  return tables.filter((t): t is ReportTable => t !== null);
}

/**
 * The prepared reports with newer settings (the clock, rates, reporting currency, stage
 * settings) and the same rows: nothing prepared depends on them except the context's cheap
 * fields, so a visit with no data change costs no preparation. Null when the time zone
 * changed (every local day would move: prepare again).
 */
export function withSettings(
  prepared: PreparedReports,
  settings: ReportSettings,
  preparedZone: string | null,
): PreparedReports | null {
  if (settings.timeZone !== preparedZone) return null;
  const { context } = prepared;
  const nowMs = settings.now.getTime();
  return {
    ...prepared,
    context: {
      ...context,
      now: settings.now,
      nowMs,
      today: context.zone.dayOf(nowMs),
      stages: settings.stages ?? { probability: {}, staleAfter: {} },
      rates: createRateBook(settings.rateSets),
      reportingCurrency: settings.reportingCurrency,
    },
  };
}

/** The page's sections, by the prefix of their tables' ids. */
export type ReportSection = 'revenue' | 'pipeline' | 'team' | 'engagement' | 'audience';

/** Sections computed from the deals alone (their status history, participants, the team). */
export const DEAL_SECTIONS: readonly ReportSection[] = ['revenue', 'pipeline'];
export const ALL_SECTIONS: readonly ReportSection[] = [
  'revenue',
  'pipeline',
  'team',
  'engagement',
  'audience',
];

export function sectionOf(tableId: string): ReportSection | null {
  return ALL_SECTIONS.find((s) => tableId === s || tableId.startsWith(`${s}-`)) ?? null;
}
