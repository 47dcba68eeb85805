/**
 * Schema migrations, applied in order, each once, in one transaction under an advisory lock
 * so several server processes starting together on one database do not race.
 */
import type { Database, Sql } from './db';
import { WRITE_COST_MIGRATION } from './write-cost-schema';
import { CUSTOMER_CHILD_TABLES } from './tables';
import { TEAM_MIGRATION } from './team-schema';
import { WORKSPACE_KEY_MIGRATION } from './workspace-key-schema';

/**
 * The product tables migration 1 created. Frozen: a table added to the shared list later
 * needs its own migration (a test checks that every synced table has its SQL table).
 */
const TABLES_OF_MIGRATION_1 = [
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
] as const;

const productTable = (name: string) => `
  CREATE TABLE ${name} (
    workspace_id text NOT NULL REFERENCES workspaces(id),
    id text NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    updated_at timestamptz,
    data jsonb NOT NULL DEFAULT '{}'::jsonb,
    clocks jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (workspace_id, id)
  );`;

const childIndex = (name: string) =>
  `CREATE INDEX ${name}_customer_idx ON ${name} (workspace_id, (data->>'customer_id'));`;

/** The consolidated customer row, readable by any SQL tool (live customers only). */
const CUSTOMERS_VIEW = `
CREATE VIEW customers_crm_v AS
SELECT
  p.workspace_id,
  p.id AS customer_id,
  btrim(coalesce(p.data->>'first_name', '') || ' ' || coalesce(p.data->>'last_name', '')) AS display_name,
  p.data->>'first_name' AS first_name,
  p.data->>'last_name' AS last_name,
  (SELECT e.data->>'address' FROM customer_emails e
     WHERE e.workspace_id = p.workspace_id AND e.data->>'customer_id' = p.id AND NOT e.deleted
     ORDER BY (e.data->>'is_primary') = '1' DESC, e.id LIMIT 1) AS primary_email,
  (SELECT ph.data->>'e164' FROM customer_phones ph
     WHERE ph.workspace_id = p.workspace_id AND ph.data->>'customer_id' = p.id AND NOT ph.deleted
     ORDER BY (ph.data->>'is_primary') = '1' DESC, ph.id LIMIT 1) AS primary_phone,
  (SELECT count(*) FROM customer_emails e
     WHERE e.workspace_id = p.workspace_id AND e.data->>'customer_id' = p.id AND NOT e.deleted) AS email_count,
  (SELECT count(*) FROM customer_phones ph
     WHERE ph.workspace_id = p.workspace_id AND ph.data->>'customer_id' = p.id AND NOT ph.deleted) AS phone_count,
  CASE WHEN jsonb_typeof(p.data->'tags') = 'array'
       THEN ARRAY(SELECT jsonb_array_elements_text(p.data->'tags')) ELSE '{}'::text[] END AS tags,
  p.data->>'lifecycle' AS lifecycle,
  p.data->>'owner_id' AS owner_id,
  coalesce((p.data->'email_consent'->>'opted_in')::boolean, false) AS email_opt_in,
  coalesce((p.data->'sms_consent'->>'opted_in')::boolean, false) AS sms_opt_in,
  (SELECT count(*) FROM customer_engagement_metrics m
     WHERE m.workspace_id = p.workspace_id AND m.data->>'customer_id' = p.id AND NOT m.deleted) AS touchpoint_count,
  (SELECT max(m.data->>'occurred_at') FROM customer_engagement_metrics m
     WHERE m.workspace_id = p.workspace_id AND m.data->>'customer_id' = p.id AND NOT m.deleted) AS last_touch_at,
  (SELECT count(*) FROM crm_tasks t
     WHERE t.workspace_id = p.workspace_id AND t.data->>'customer_id' = p.id AND NOT t.deleted
       AND t.data->>'status' IN ('open', 'in-progress')) AS open_task_count,
  p.data->>'created_at' AS created_at,
  p.updated_at
FROM customer_profiles p
WHERE NOT p.deleted;`;

export const MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'workspaces, tokens, product tables, change log, client progress, customers view',
    sql: [
      `CREATE TABLE workspaces (
         id text PRIMARY KEY,
         name text NOT NULL,
         -- The pull cursor's clock: incremented under this row's lock by every push that
         -- changes something, so versions become visible in the order they were taken.
         version bigint NOT NULL DEFAULT 0,
         created_at timestamptz NOT NULL DEFAULT now()
       );`,
      `CREATE TABLE api_tokens (
         token_hash text PRIMARY KEY,
         workspace_id text NOT NULL REFERENCES workspaces(id),
         member_id text NOT NULL,
         member_name text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(),
         revoked_at timestamptz
       );`,
      ...TABLES_OF_MIGRATION_1.map(productTable),
      ...CUSTOMER_CHILD_TABLES.map(childIndex),
      `CREATE TABLE change_log (
         workspace_id text NOT NULL REFERENCES workspaces(id),
         table_name text NOT NULL,
         row_id text NOT NULL,
         -- The workspace version of the row's latest change: one entry per row, moved forward.
         version bigint NOT NULL,
         PRIMARY KEY (workspace_id, table_name, row_id)
       );`,
      `CREATE INDEX change_log_pull_idx ON change_log (workspace_id, version, table_name, row_id);`,
      `CREATE TABLE sync_clients (
         workspace_id text NOT NULL REFERENCES workspaces(id),
         client_id text NOT NULL,
         last_seq bigint NOT NULL DEFAULT 0,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (workspace_id, client_id)
       );`,
      `CREATE TABLE other_rows (
         workspace_id text NOT NULL REFERENCES workspaces(id),
         table_name text NOT NULL,
         id text NOT NULL,
         deleted boolean NOT NULL DEFAULT false,
         updated_at timestamptz,
         data jsonb NOT NULL DEFAULT '{}'::jsonb,
         clocks jsonb NOT NULL DEFAULT '{}'::jsonb,
         PRIMARY KEY (workspace_id, table_name, id)
       );`,
      CUSTOMERS_VIEW,
    ].join('\n'),
  },
  {
    id: 2,
    name: 'client ids bound to their token, digests of applied pushes',
    sql: [
      // The token (its hash) that first pushed as this client id; another token is refused.
      // Null for clients recorded before this migration: their next push binds them.
      `ALTER TABLE sync_clients ADD COLUMN token_hash text;`,
      // One row per applied push: a digest of each change it applied, in sequence order
      // (16 hex characters each), so a retry that reuses a sequence number with different
      // content is recognised and refused instead of being skipped as a duplicate.
      `CREATE TABLE sync_batches (
         workspace_id text NOT NULL REFERENCES workspaces(id),
         client_id text NOT NULL,
         first_seq bigint NOT NULL,
         last_seq bigint NOT NULL,
         digests text NOT NULL,
         PRIMARY KEY (workspace_id, client_id, first_seq)
       );`,
    ].join('\n'),
  },
  {
    id: 3,
    name: 'the change log folded into the rows: a version column per row, one pull index per table',
    sql: [
      // A row's version is the workspace version of the push that last changed it: set in the
      // same statement that merges the row, so a push writes each row once and nothing else
      // per row. 0 = never changed (rows an earlier server created empty to lock them).
      ...[...TABLES_OF_MIGRATION_1, 'other_rows'].map(
        (name) => `ALTER TABLE ${name} ADD COLUMN version bigint NOT NULL DEFAULT 0;`,
      ),
      ...TABLES_OF_MIGRATION_1.map(
        (name) => `UPDATE ${name} AS t SET version = cl.version FROM change_log cl
           WHERE cl.workspace_id = t.workspace_id AND cl.table_name = '${name}' AND cl.row_id = t.id;
         CREATE INDEX ${name}_pull_idx ON ${name} (workspace_id, version, id);`,
      ),
      `UPDATE other_rows AS t SET version = cl.version FROM change_log cl
         WHERE cl.workspace_id = t.workspace_id AND cl.table_name = t.table_name AND cl.row_id = t.id;`,
      `CREATE INDEX other_rows_pull_idx ON other_rows (workspace_id, version, table_name, id);`,
      `DROP TABLE change_log;`,
    ].join('\n'),
  },
  TEAM_MIGRATION,
  {
    id: 5,
    name: 'duplicate_dismissals ("not a duplicate" pairs)',
    // Shaped as migration 3 left every product table: a version per row and its pull index.
    sql: [
      productTable('duplicate_dismissals').replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS'),
      `ALTER TABLE duplicate_dismissals ADD COLUMN IF NOT EXISTS version bigint NOT NULL DEFAULT 0;`,
      `CREATE INDEX IF NOT EXISTS duplicate_dismissals_pull_idx
         ON duplicate_dismissals (workspace_id, version, id);`,
    ].join('\n'),
  },
  {
    id: 6,
    name: "cheaper row writes: a row's clock stored once, no per-row workspace foreign key check",
    sql: [
      // A row written by one change has one clock for all its fields; `clock` holds it once
      // and `clocks` only the fields whose clock differs (later edits). A field's clock is
      // clocks->>field, else `clock` when the field is in `data` (server/src/row-clocks.ts).
      // Rows stored before keep every clock in `clocks` with `clock` null, which reads the
      // same: nothing is rewritten. Halves what a new row stores and what a push parses.
      ...[...TABLES_OF_MIGRATION_1, 'duplicate_dismissals', 'other_rows'].map(
        (name) => `ALTER TABLE ${name} ADD COLUMN clock text;`,
      ),
      // The foreign key to workspaces ran a check query per row written (a third of a push's
      // SQL time, measured on PostgreSQL) to prove what the push already knows: the
      // workspace is the authenticated token's (api_tokens keeps its foreign key), and the
      // push holds that workspace's row lock while it writes (the version). Workspaces are
      // never deleted. Only pushes write these tables.
      ...[...TABLES_OF_MIGRATION_1, 'duplicate_dismissals'].map(
        (name) => `ALTER TABLE ${name} DROP CONSTRAINT IF EXISTS ${name}_workspace_id_fkey;`,
      ),
    ].join('\n'),
  },
  WORKSPACE_KEY_MIGRATION,
  WRITE_COST_MIGRATION,
];

const LOCK_KEY = 7_204_311; // any constant: the advisory lock all server processes agree on

/** Applies every migration not applied yet (or those up to `through`, for tests of an upgrade). */
export async function migrate(db: Database, through = Infinity): Promise<number[]> {
  return db.transaction(async (tx: Sql) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((row) => row.id),
    );
    const applied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id) || migration.id > through) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ]);
      applied.push(migration.id);
    }
    return applied;
  });
}
