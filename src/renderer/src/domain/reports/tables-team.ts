/** Team figures as tables: per owner, and tasks completed per week, each cell with its list. */
import { DEAL_STATUSES, outcomeOf } from '../deals/statuses';
import { isoDateFromDay } from './calendar';
import { dealDrill, scopeOf, taskDrill } from './drill';
import type { ReportFilter } from './filter';
import type { Cell, ReportTable, TableOptions } from './report-table';
import { countCell, dayCell, formatReportDay, moneyCell, textCell } from './report-table';
import type { TeamReport } from './team';
import { weekBounds } from './weeks';

const OPEN_STATUSES = DEAL_STATUSES.filter((s) => outcomeOf(s) === 'open');

export function teamTable(
  team: TeamReport,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const currencies = [
    ...new Set(
      team.owners.flatMap((o) => [...o.openValue, ...o.wonThisQuarter].map((t) => t.currency)),
    ),
  ].sort();
  const day = (iso: string) => formatReportDay(iso, options);
  const quarter = {
    from: isoDateFromDay(team.quarter.first),
    to: isoDateFromDay(team.quarter.last),
  };
  const rows = team.owners.map((owner): Cell[] => {
    const scope = { ...scopeOf(filter), ownerId: owner.ownerId };
    const open = dealDrill(`Open deals of ${owner.name}`, scope, {
      statuses: OPEN_STATUSES,
      eventDate: { from: filter.from, to: filter.to },
    });
    const won = dealDrill(`Won this quarter by ${owner.name}`, scope, {
      history: { type: 'closed', outcome: 'won', ...quarter },
    });
    const money = (totals: typeof owner.openValue, drill: typeof open) =>
      currencies.map((c) =>
        moneyCell(totals.find((t) => t.currency === c)?.amount ?? 0, c, drill, options),
      );
    const completed = owner.completedByWeek.reduce((a, b) => a + b, 0);
    return [
      textCell(owner.name),
      countCell(owner.openDeals, open, options),
      ...money(owner.openValue, open),
      countCell(
        owner.wonThisQuarter.reduce((n, t) => n + t.count, 0),
        won,
        options,
      ),
      ...money(owner.wonThisQuarter, won),
      countCell(owner.openTasks, taskDrill(`Open tasks of ${owner.name}`, scope, 'open'), options),
      countCell(
        owner.overdueTasks,
        taskDrill(`Overdue tasks of ${owner.name}`, scope, 'overdue'),
        options,
      ),
      countCell(
        completed,
        taskDrill(`Tasks completed by ${owner.name}`, scope, 'completed', {
          from: isoDateFromDay(team.weeks.span.first),
          to: isoDateFromDay(team.weeks.span.last),
        }),
        options,
      ),
    ];
  });
  return {
    id: 'team',
    title: 'Team',
    caption: `Per owner: open deals and their value, deals won this quarter (${day(quarter.from)} to ${day(quarter.to)}), open and overdue tasks, and tasks completed from ${day(isoDateFromDay(team.weeks.span.first))} to ${day(isoDateFromDay(team.weeks.span.last))}.`,
    columns: [
      'Owner',
      'Open deals',
      ...currencies.map((c) => `Open value (${c})`),
      'Won this quarter',
      ...currencies.map((c) => `Won value (${c})`),
      'Open tasks',
      'Overdue tasks',
      'Tasks completed',
    ],
    rows,
    notes: [],
  };
}

export function completedPerWeekTable(
  team: TeamReport,
  filter: ReportFilter,
  options: TableOptions = {},
): ReportTable {
  const rows = team.weeks.starts.map((monday, i): Cell[] => {
    const bounds = weekBounds(team.weeks, i);
    const iso = isoDateFromDay(monday);
    const week = formatReportDay(iso, options);
    return [
      dayCell(iso, null, options),
      ...team.owners.map((o) =>
        countCell(
          o.completedByWeek[i] ?? 0,
          taskDrill(
            `Completed by ${o.name}, week of ${week}`,
            { ...scopeOf(filter), ownerId: o.ownerId },
            'completed',
            bounds,
          ),
          options,
        ),
      ),
      countCell(
        team.owners.reduce((n, o) => n + (o.completedByWeek[i] ?? 0), 0),
        taskDrill(`Completed, week of ${week}`, scopeOf(filter), 'completed', bounds),
        options,
      ),
    ];
  });
  return {
    id: 'team-completed-per-week',
    title: 'Tasks completed per week',
    caption: 'Tasks marked done, by the week (Monday to Sunday) of their completion, per owner.',
    columns: ['Week of', ...team.owners.map((o) => o.name), 'Total'],
    rows,
    notes: [],
  };
}
