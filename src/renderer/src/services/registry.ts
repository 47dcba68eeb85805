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
import { createDemoDataService } from './crm/demo/demo-data-service';
import { createImportService } from './crm/import-service';
import { createExportService } from './crm/export/export-service';
import { createRelationshipService } from './crm/relationships/relationship-service';
import { createSettingsService } from './crm/settings/settings-service';
import { createTaskService } from './crm/tasks/task-service';
import { createTeamService } from './crm/team/team-service';
import { createSyncService } from '../sync/sync-service';

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
  };
}

let services: ReturnType<typeof createServices> | null = null;

export function crm(): ReturnType<typeof createServices> {
  services ??= createServices();
  return services;
}
