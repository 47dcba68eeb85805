/**
 * The services the UI writes through, bound to the app's database. Components import this,
 * never the database itself (enforced by lint).
 */
import { getDb } from '../db/instance';
import { createBackupService } from './crm/backup/backup-service';
import { createCustomerBulkService } from './crm/customers/customer-bulk-service';
import { createCustomerService } from './crm/customers/customer-service';
import { createSavedViewsService } from './crm/customers/saved-views-service';
import { createDealService } from './crm/deals/deal-service';
import { createDuplicateService } from './crm/duplicates/duplicate-service';
import { createDemoDataService } from './crm/demo/demo-data-service';
import { createImportService } from './crm/import-service';
import { createExportService } from './crm/export/export-service';
import { createReportEngine } from './crm/reports/report-engine';
import { createReportSettingsService } from './crm/reports/report-settings-service';
import { createRelationshipService } from './crm/relationships/relationship-service';
import { createSettingsService } from './crm/settings/settings-service';
import { createTaskService } from './crm/tasks/task-service';
import { createTeamService } from './crm/team/team-service';
import { createSyncService } from '../sync/sync-service';
import { customerSearch } from '../workers/search-client';

function createServices() {
  const db = getDb();
  return {
    customers: createCustomerService(db),
    customerBulk: createCustomerBulkService(db),
    savedViews: createSavedViewsService(db),
    settings: createSettingsService(db),
    team: createTeamService(db),
    tasks: createTaskService(db),
    relationships: createRelationshipService(db),
    deals: createDealService(db),
    demo: createDemoDataService(db),
    imports: createImportService(db),
    export: createExportService(db),
    backup: createBackupService(db),
    sync: createSyncService(db),
    search: startSearch(db),
    duplicates: createDuplicateService(db),
    reports: createReportEngine(db),
    reportSettings: createReportSettingsService(db),
  };
}

/** The customer search index starts loading with the app, so it is ready when first typed. */
function startSearch(db: ReturnType<typeof getDb>) {
  const search = customerSearch(db);
  search.whenReady().catch((error: unknown) => console.error('search:', error));
  return search;
}

let services: ReturnType<typeof createServices> | null = null;

export function crm(): ReturnType<typeof createServices> {
  services ??= createServices();
  return services;
}
