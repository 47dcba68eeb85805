/**
 * The services the UI writes through, bound to the app's database. Components import this,
 * never the database itself (enforced by lint).
 *
 * The start page reads; it writes only when asked. So the write services (customers, deals,
 * relationships, team, with the phone metadata and rules they validate with) are
 * `lazyService`s like the ones only other pages use (import, backup, reports, duplicates, demo
 * data): their modules and libraries are chunks of their own, loaded on the first call (see
 * lazy-service.ts), and sync loads its engine on first use (lazy-sync-service.ts). Tasks and
 * export have synchronous members and are built here. `crm()`'s API is the same for all.
 */
import { getDb } from '../db/instance';
import { createSavedViewsService } from './crm/customers/saved-views-service';
import { createExportService } from './crm/export/export-service';
import { createSettingsService } from './crm/settings/settings-service';
import { createTaskService } from './crm/tasks/task-service';
import { lazyService } from './lazy-service';
import { lazySyncService } from './lazy-sync-service';
import { customerSearch } from '../workers/search-client';

function createServices() {
  const db = getDb();
  return {
    customers: lazyService(async () =>
      (await import('./crm/customers/customer-service')).createCustomerService(db),
    ),
    // The one-time fill of older list rows' origins (started a while after the first screen).
    origins: lazyService(async () => {
      const { fillMissingOrigins } = await import('./crm/customers/origin-backfill');
      return { fill: () => fillMissingOrigins(db) };
    }),
    customerBulk: lazyService(async () =>
      (await import('./crm/customers/customer-bulk-service')).createCustomerBulkService(db),
    ),
    // The list's hooks read these two's modules anyway: built here.
    savedViews: createSavedViewsService(db),
    settings: createSettingsService(db),
    team: lazyService(async () => (await import('./crm/team/team-service')).createTeamService(db)),
    tasks: createTaskService(db),
    relationships: lazyService(async () =>
      (await import('./crm/relationships/relationship-service')).createRelationshipService(db),
    ),
    deals: lazyService(async () =>
      (await import('./crm/deals/deal-service')).createDealService(db),
    ),
    demo: lazyService(async () =>
      (await import('./crm/demo/demo-data-service')).createDemoDataService(db),
    ),
    imports: lazyService(() => importJobs(db)),
    export: createExportService(db),
    backup: lazyService(async () =>
      (await import('./crm/backup/backup-service')).createBackupService(db),
    ),
    sync: lazySyncService(db),
    // A getter: building the search starts its worker, which waits for the first screen
    // (app/boot.ts starts the index then).
    get search() {
      return customerSearch(db);
    },
    duplicates: lazyService(async () =>
      (await import('./crm/duplicates/duplicate-service')).createDuplicateService(db),
    ),
    reports: lazyService(() => reportEngine(db)),
    reportSettings: lazyService(async () =>
      (await import('./crm/reports/report-settings-service')).createReportSettingsService(db),
    ),
  };
}

/**
 * The import service as the window uses it: jobs, mappings, undo. Sessions (`createSession`,
 * synchronous) run in the import worker, which builds its own service.
 */
async function importJobs(db: ReturnType<typeof getDb>) {
  const { createImportService } = await import('./crm/import-service');
  const { createSession: _inWorker, ...jobs } = createImportService(db);
  return jobs;
}

/**
 * The report engine with every answer a Promise, so it can load lazily. The window only uses it
 * where workers are missing (workers/reports-client.ts); the reports worker builds its own.
 */
async function reportEngine(db: ReturnType<typeof getDb>) {
  const { createReportEngine } = await import('./crm/reports/report-engine');
  const engine = createReportEngine(db);
  return {
    load: (...args: Parameters<typeof engine.load>) => engine.load(...args),
    compute: async (...args: Parameters<typeof engine.compute>) => engine.compute(...args),
    behind: async (...args: Parameters<typeof engine.behind>) => engine.behind(...args),
    ensureTouchpoints: (...args: Parameters<typeof engine.ensureTouchpoints>) =>
      engine.ensureTouchpoints(...args),
    onChange: async (listener: () => void) => {
      engine.onChange(listener);
    },
    progress: async () => engine.progress(),
  };
}

let services: ReturnType<typeof createServices> | null = null;

export function crm(): ReturnType<typeof createServices> {
  services ??= createServices();
  return services;
}
