/**
 * The synced tables' names, without zod: the renderer's database schema reads them at start,
 * the schemas themselves (tables.ts) load with the sync engine. tables.ts fails the
 * typecheck when its tables and this list differ.
 */
export const SYNCED_TABLE_NAME_LIST = [
  'customer_profiles',
  'customer_emails',
  'customer_phones',
  'customer_engagement_metrics',
  'crm_tasks',
  'crm_task_assignments',
  'event_deals',
  'deal_participants',
  'deal_pipeline',
  'deal_status_history',
  'customer_relationships',
  'team_members',
  'duplicate_dismissals',
] as const;
