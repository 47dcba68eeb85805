/**
 * What the reports read from the database: every table a figure uses, the stage settings,
 * the reporting currency and the rate sets. Run by the reports worker (its own connection),
 * or on the window's thread where workers are missing.
 */
import type { CrmDatabase } from '../../../db/database';
import { readSetting } from '../../../db/app-settings';
import { storedLog } from '../../../domain/reports/engagement-score';
import type { ReportSettings } from '../../../domain/reports/context';
import type { StageSettings } from '../../../domain/reports/inputs';

/** Every row the figures read (whole records: they are assignable to ReportSources). */
export async function readReportSources(db: CrmDatabase) {
  // One read transaction: the figures see one consistent moment of every table.
  return db.transaction(
    'r',
    [
      db.event_deals,
      db.deal_status_history,
      db.deal_participants,
      db.customers_crm_v,
      db.customer_engagement_metrics,
      db.crm_tasks,
      db.crm_task_assignments,
      db.team_members,
    ],
    async () => {
      const [deals, history, participants, customers, touchpoints, tasks, assignments, members] =
        await Promise.all([
          db.event_deals.toArray(),
          db.deal_status_history.toArray(),
          db.deal_participants.toArray(),
          db.customers_crm_v.toArray(),
          db.customer_engagement_metrics.toArray(),
          db.crm_tasks.toArray(),
          db.crm_task_assignments.toArray(),
          db.team_members.toArray(),
        ]);
      return {
        deals,
        history,
        participants,
        // The stored score (the list row's, kept in the touchpoint's transaction): null when
        // never touched, as the figures read it.
        customers: customers.map((c) => ({ ...c, engagement_log: storedLog(c.engagement_log) })),
        touchpoints,
        tasks,
        assignments,
        members,
      };
    },
  );
}

async function readStageSettings(db: CrmDatabase): Promise<StageSettings> {
  const stages = await db.deal_pipeline.toArray();
  const settings: StageSettings = { probability: {}, staleAfter: {} };
  for (const stage of stages) {
    if (stage.deleted === 1) continue;
    settings.probability[stage.status] = stage.default_probability;
    settings.staleAfter[stage.status] = stage.stale_after_days;
  }
  return settings;
}

export async function readReportSettings(db: CrmDatabase, now: Date): Promise<ReportSettings> {
  const [reportingCurrency, rateSets, stages] = await Promise.all([
    readSetting(db, 'reportingCurrency'),
    readSetting(db, 'exchangeRates'),
    readStageSettings(db),
  ]);
  return {
    now,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
    rateSets,
    reportingCurrency,
    stages,
  };
}

/**
 * A cheap fingerprint of the data the reports read (index keys and counts, no rows): when it
 * changes, the prepared reports are stale. Read in a live query, so any write to these tables
 * re-reads it.
 */
export async function reportDataStamp(db: CrmDatabase): Promise<string> {
  const parts = await Promise.all([
    db.event_deals.orderBy('updated_at').lastKey(),
    db.event_deals.count(),
    db.deal_status_history.count(),
    db.deal_participants.count(),
    db.customers_crm_v.orderBy('updated_at').lastKey(),
    db.customers_crm_v.count(),
    db.customer_engagement_metrics.count(),
    db.crm_tasks.orderBy('updated_at').lastKey(),
    db.crm_tasks.count(),
    db.crm_task_assignments.count(),
    db.team_members.count(),
    db.deal_pipeline.count(),
    readSetting(db, 'reportingCurrency'),
    readSetting(db, 'exchangeRates').then((sets) => JSON.stringify(sets)),
  ]);
  return parts.map((part) => String(part ?? '')).join('|');
}
