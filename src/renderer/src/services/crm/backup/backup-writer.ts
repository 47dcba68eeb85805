/**
 * Writes a backup as it reads the database: table by table, a chunk of rows at a time by
 * primary key, each chunk one line of the file, handed to the sink in pieces of a few
 * megabytes. Memory holds one chunk and one piece, whatever the database's size; the size
 * limit is the disk's.
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import type { BackupReason } from '@shared/backup/file-names';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  encodeLine,
  type BackupHeader,
} from '../../../domain/backup/backup-format';
import { Sha256 } from '../../../domain/backup/sha256';
import { BACKED_UP_TABLES } from './table-decisions';

/** Where the file goes: main's file in the backups folder, a save dialog's, or a download. */
export type BackupSink = { append(text: string): Promise<void> };

export type BackupProgress = { rowsWritten: number; totalRows: number; table: string };

export type WriteBackupOptions = {
  appVersion: string;
  reason: BackupReason;
  /** Rows per line. */
  chunkRows?: number;
  /** Characters collected before they go to the sink (an IPC message takes twice this at most). */
  flushChars?: number;
  /** Longest chunk line, in characters, unless a single row is longer. */
  maxLineChars?: number;
  /**
   * Rescue backups (the database is failing): a table that cannot be read is listed in the
   * trailer and the others are still written. Otherwise a read error fails the backup.
   */
  bestEffort?: boolean;
  onProgress?: (progress: BackupProgress) => void;
  signal?: AbortSignal;
  now?: () => Date;
};

export type BackupResult = {
  counts: Record<string, number>;
  unreadable: string[];
  bytes: number;
  createdAt: string;
};

const DEFAULT_CHUNK_ROWS = 1000;
/** Smaller pieces keep each main-thread task short (fewer and longer ones froze the page: docs/backup.md). */
const DEFAULT_FLUSH_CHARS = 1024 * 1024;
/** A chunk line longer than this is split into lines of fewer rows (an import's undo rows are big). */
const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** One line per group of rows, halving the group until its line is short enough (or one row). */
function chunkLines(table: string, rows: Record<string, unknown>[], maxChars: number): string[] {
  const line = encodeLine({ table, rows });
  if (line.length <= maxChars || rows.length === 1) return [line];
  const half = Math.ceil(rows.length / 2);
  return [
    ...chunkLines(table, rows.slice(0, half), maxChars),
    ...chunkLines(table, rows.slice(half), maxChars),
  ];
}

/**
 * Pieces of at most `size` characters (or one pair when `size` is 1), never cut inside a
 * surrogate pair (each piece is encoded to UTF-8 on its own; half a pair would become U+FFFD).
 */
export function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + size);
    const last = text.charCodeAt(end - 1);
    // A pair that does not fit goes whole into the next piece, or this one when it is alone.
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += end - start > 1 ? -1 : 1;
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Tables this database has that a backup holds, in backup order. */
export function tablesToBackUp(db: Dexie): string[] {
  const present = new Set(db.tables.map((table) => table.name));
  return BACKED_UP_TABLES.filter((name) => present.has(name));
}

/** One table's rows in primary-key order, a chunk at a time, each chunk its own read. */
export async function* readInChunks(
  table: Table,
  chunkRows: number,
): AsyncGenerator<Record<string, unknown>[]> {
  const keyPath = table.schema.primKey.keyPath;
  if (keyPath === null || keyPath === undefined) throw new Error(`${table.name} has no key path`);
  let last: IndexableType | undefined;
  for (;;) {
    const collection = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const rows = (await collection.limit(chunkRows).toArray()) as Record<string, unknown>[];
    const lastRow = rows.at(-1);
    if (!lastRow) return;
    last = Dexie.getByKeyPath(lastRow, keyPath) as IndexableType;
    yield rows;
    if (rows.length < chunkRows) return;
  }
}

async function countRows(db: Dexie, tables: readonly string[]): Promise<number> {
  let total = 0;
  for (const name of tables)
    total += await db
      .table(name)
      .count()
      .catch(() => 0);
  return total;
}

export async function writeBackup(
  db: Dexie,
  sink: BackupSink,
  options: WriteBackupOptions,
): Promise<BackupResult> {
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const flushChars = options.flushChars ?? DEFAULT_FLUSH_CHARS;
  const tables = tablesToBackUp(db);
  const hash = new Sha256();
  const encoder = new TextEncoder();
  const counts: Record<string, number> = {};
  const unreadable: string[] = [];
  let buffered: string[] = [];
  let bufferedChars = 0;
  let lines = 0;
  let bytes = 0;

  const flush = async () => {
    if (buffered.length === 0) return;
    const text = buffered.join('');
    buffered = [];
    bufferedChars = 0;
    // One IPC message carries at most 16 MiB of text: a longer line goes in several.
    for (const piece of pieces(text, flushChars * 2)) await sink.append(piece);
  };
  const write = async (line: string, counted: boolean) => {
    if (counted) {
      const encoded = encoder.encode(line);
      hash.update(encoded);
      bytes += encoded.length;
      lines += 1;
    }
    buffered.push(line);
    bufferedChars += line.length;
    if (bufferedChars >= flushChars) await flush();
  };

  const createdAt = (options.now?.() ?? new Date()).toISOString();
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    format_version: BACKUP_FORMAT_VERSION,
    app: 'Encore CRM',
    app_version: options.appVersion,
    schema_version: db.verno,
    created_at: createdAt,
    reason: options.reason,
    tables,
  };
  await write(encodeLine(header), true);
  const totalRows = await countRows(db, tables);
  let rowsWritten = 0;
  for (const name of tables) {
    counts[name] = 0;
    try {
      for await (const rows of readInChunks(db.table(name), chunkRows)) {
        options.signal?.throwIfAborted();
        for (const line of chunkLines(name, rows, options.maxLineChars ?? MAX_LINE_CHARS))
          await write(line, true);
        counts[name] += rows.length;
        rowsWritten += rows.length;
        options.onProgress?.({ rowsWritten, totalRows, table: name });
      }
    } catch (error) {
      if (!options.bestEffort || options.signal?.aborted) throw error;
      unreadable.push(name);
    }
  }
  const trailer = encodeLine({
    end: BACKUP_FORMAT,
    counts,
    unreadable,
    lines,
    sha256: hash.hex(),
  });
  await write(trailer, false);
  await flush();
  return { counts, unreadable, bytes: bytes + encoder.encode(trailer).length, createdAt };
}
