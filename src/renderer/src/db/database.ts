import Dexie from 'dexie';
import type { EntityTable, Table } from 'dexie';
import type {
  AppSetting,
  CrmTask,
  CrmTaskAssignment,
  CustomerEmail,
  CustomerListRow,
  CustomerPhone,
  CustomerProfile,
  CustomerRelationship,
  DuplicateDismissal,
  DealParticipant,
  DealPipelineStage,
  DealStatusChange,
  EngagementTouchpoint,
  EventDeal,
  ImportJob,
  OutboxEntry,
  QuarantinedChange,
  SavedMapping,
  SearchJournalEntry,
  SyncStateEntry,
  TeamMember,
} from '../domain/records';
import type { StagedBatch } from '../domain/import/rows';
import { CAPTURE_STATE_KEY, changeCaptureMiddleware } from './change-capture-middleware';
import { guardMiddleware } from './guard-middleware';
import { projectionMiddleware } from './projection-middleware';
import {
  SCHEMA_V1,
  SCHEMA_V2,
  SCHEMA_V3,
  SCHEMA_V4,
  SCHEMA_V5,
  SCHEMA_V6,
  SCHEMA_V7,
  SCHEMA_V9,
} from './schema';
import type { ReportsJournalEntry } from '../domain/reports/journal-entry';
import { reportsJournalMiddleware } from './reports-journal-middleware';
import { fillEngagementLogs } from './upgrade-engagement';
import { upgradeToV4 } from './upgrade-v4';

export const DATABASE_NAME = 'encore-crm';

export class CrmDatabase extends Dexie {
  customer_profiles!: EntityTable<CustomerProfile, 'id'>;
  customer_emails!: EntityTable<CustomerEmail, 'id'>;
  customer_phones!: EntityTable<CustomerPhone, 'id'>;
  customer_engagement_metrics!: EntityTable<EngagementTouchpoint, 'id'>;
  customers_crm_v!: EntityTable<CustomerListRow, 'customer_id'>;
  crm_tasks!: EntityTable<CrmTask, 'id'>;
  crm_task_assignments!: EntityTable<CrmTaskAssignment, 'id'>;
  event_deals!: EntityTable<EventDeal, 'id'>;
  deal_participants!: EntityTable<DealParticipant, 'id'>;
  deal_pipeline!: EntityTable<DealPipelineStage, 'id'>;
  deal_status_history!: EntityTable<DealStatusChange, 'id'>;
  customer_relationships!: EntityTable<CustomerRelationship, 'id'>;
  team_members!: EntityTable<TeamMember, 'id'>;
  import_jobs!: EntityTable<ImportJob, 'id'>;
  saved_mappings!: EntityTable<SavedMapping, 'id'>;
  sync_outbox!: Table<OutboxEntry, number>;
  sync_state!: EntityTable<SyncStateEntry, 'key'>;
  sync_quarantine!: Table<QuarantinedChange, number>;
  app_settings!: EntityTable<AppSetting, 'key'>;
  import_staging!: Table<StagedBatch, [string, number]>;
  search_journal!: Table<SearchJournalEntry, number>;
  duplicate_dismissals!: EntityTable<DuplicateDismissal, 'id'>;
  reports_journal!: Table<ReportsJournalEntry, number>;

  constructor(name: string = DATABASE_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    this.version(5).stores(SCHEMA_V5).upgrade(fillEngagementLogs);
    this.version(6).stores(SCHEMA_V6);
    // The reports' journal: the first visit after the upgrade finds no snapshot and rebuilds.
    this.version(7).stores(SCHEMA_V7);
    // Unread indexes of the profile and phone tables dropped (schema.ts); 8 is another change's.
    this.version(9).stores(SCHEMA_V9);
    // A new database queues no changes until sync is first configured (sync/initial-upload.ts).
    this.on('populate', (tx) => {
      tx.table('sync_state').add({ key: CAPTURE_STATE_KEY, value: 'dormant' });
    });
    // Outermost first: the guard refuses bad rows before the projection or capture see them.
    this.use(guardMiddleware);
    this.use(projectionMiddleware);
    this.use(changeCaptureMiddleware);
    this.use(reportsJournalMiddleware);
  }
}
