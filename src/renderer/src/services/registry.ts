/**
 * The services the UI writes through, bound to the app's database. Components import this,
 * never the database itself (enforced by lint).
 */
import { getDb } from '../db/instance';
import { buildBackup, backupFileName } from './crm/backup-service';
import { createCustomerService } from './crm/customer-service';
import { createDemoDataService } from './crm/demo-data-service';
import { createSettingsService } from './crm/settings-service';
import { createTeamService } from './crm/team-service';

function createServices() {
  const db = getDb();
  return {
    customers: createCustomerService(db),
    settings: createSettingsService(db),
    team: createTeamService(db),
    demo: createDemoDataService(db),
    backup: { build: () => buildBackup(db), fileName: backupFileName },
  };
}

let services: ReturnType<typeof createServices> | null = null;

export function crm(): ReturnType<typeof createServices> {
  services ??= createServices();
  return services;
}
