/**
 * The settings the reports read: the stage settings, the reporting currency and the rate
 * sets (the rows are read by report-source-tables.ts). Run by the reports worker (its own
 * connection), or on the window's thread where workers are missing.
 */
import type { CrmDatabase } from '../../../db/database';
import { readSetting } from '../../../db/app-settings';
import type { ReportSettings } from '../../../domain/reports/context';
import type { StageSettings } from '../../../domain/reports/inputs';

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
