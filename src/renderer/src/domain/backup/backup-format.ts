/**
 * The backup file: NDJSON, one JSON value per line, so it is written and read a chunk at a
 * time and never held whole.
 *
 *   line 1      header: format, format version, app and schema version, time, table order
 *   lines 2..n  chunks: {"table": name, "rows": [...]}, tables one after the other
 *   last line   trailer: rows per table, line count, SHA-256 of every byte before it
 *
 * A file cut short has no trailer; a file changed anywhere fails the checksum or the counts.
 * `head -n -1 file | sha256sum` gives the trailer's digest.
 */
import { z } from 'zod';
import { BACKUP_REASONS } from '@shared/backup/file-names';

export const BACKUP_FORMAT = 'encore-crm-backup';
/** 1 was the single JSON object of earlier builds (no checksum, no restore). */
export const BACKUP_FORMAT_VERSION = 2;

const tableName = z.string().regex(/^[a-z_]{1,64}$/, 'a table name');

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  format_version: z.number().int().min(1),
  app: z.string().max(100),
  app_version: z.string().max(100),
  /** The Dexie schema version of the database it was read from. */
  schema_version: z.number().int().min(1),
  created_at: z.iso.datetime(),
  reason: z.enum(BACKUP_REASONS),
  tables: z.array(tableName).max(200),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupChunkSchema = z.object({
  table: tableName,
  rows: z.array(z.record(z.string(), z.unknown())).min(1),
});
export type BackupChunk = z.infer<typeof backupChunkSchema>;

export const backupTrailerSchema = z.object({
  end: z.literal(BACKUP_FORMAT),
  counts: z.record(tableName, z.number().int().min(0)),
  /** Tables that could not be read (a rescue backup of a damaged database): left out. */
  unreadable: z.array(tableName),
  /** Lines before this one, header included. */
  lines: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupTrailer = z.infer<typeof backupTrailerSchema>;

/** A line as written: JSON and its newline. Rows are plain data (strings, numbers, arrays). */
export function encodeLine(value: BackupHeader | BackupChunk | BackupTrailer): string {
  return `${JSON.stringify(value)}\n`;
}

/** What kind of line a parsed value is, by its first key; the schemas do the real checking. */
export function lineKind(value: unknown): 'header' | 'chunk' | 'trailer' | 'unknown' {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'unknown';
  if ('format' in value) return 'header';
  if ('end' in value) return 'trailer';
  if ('table' in value) return 'chunk';
  return 'unknown';
}
