/**
 * Reads a backup file line by line and checks everything the format promises: the header
 * first, chunks of known tables in the header's order, and a trailer whose counts, line count
 * and SHA-256 match what came before it. The caller sees each chunk as it is read (a restore
 * writes it to a staging database) but may trust nothing until this resolves: the checksum is
 * known only at the end.
 */
import type { ByteSource } from '@shared/csv';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  backupChunkSchema,
  backupHeaderSchema,
  backupTrailerSchema,
  lineKind,
  type BackupChunk,
  type BackupHeader,
  type BackupTrailer,
} from './backup-format';
import { LineTooLongError, readLines } from './line-reader';
import { Sha256 } from './sha256';

export type BackupFileProblem =
  'not-a-backup' | 'older-format' | 'newer-format' | 'truncated' | 'damaged' | 'refused';

/** What is wrong with a file, in words a person can act on. Nothing was changed. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
  constructor(
    readonly problem: BackupFileProblem,
    message: string,
  ) {
    super(message);
  }
}

export type BackupSummary = {
  header: BackupHeader;
  trailer: BackupTrailer;
  /** Rows per table as read (equal to the trailer's, or reading would have failed). */
  counts: Record<string, number>;
  fileSize: number;
};

export type ReadBackupOptions = {
  /** May throw a BackupFileError to refuse a header (a newer schema, say). */
  onHeader?(header: BackupHeader): void;
  /** A row's problem in words, or null. Checked for every row, in both passes of a restore. */
  checkRow?(table: string, row: Record<string, unknown>): string | null;
  onChunk?(chunk: BackupChunk): Promise<void> | void;
  onProgress?(bytesRead: number, size: number): void;
  signal?: AbortSignal;
};

const decoder = new TextDecoder('utf-8', { fatal: true });
const NOT_A_BACKUP = 'This file is not an Encore CRM backup.';
const UNCHANGED = 'Nothing was changed.';

function parseLine(bytes: Uint8Array, number: number): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    if (number === 1) throw new BackupFileError('not-a-backup', NOT_A_BACKUP);
    throw new BackupFileError(
      'damaged',
      `This backup is damaged: line ${number} is not readable. ${UNCHANGED}`,
    );
  }
}

function checkHeader(value: unknown): BackupHeader {
  if (lineKind(value) !== 'header') throw new BackupFileError('not-a-backup', NOT_A_BACKUP);
  const format = (value as { format?: unknown; format_version?: unknown }).format;
  const version = (value as { format_version?: unknown }).format_version;
  if (format !== BACKUP_FORMAT) throw new BackupFileError('not-a-backup', NOT_A_BACKUP);
  if (typeof version === 'number' && version > BACKUP_FORMAT_VERSION)
    throw new BackupFileError(
      'newer-format',
      `This backup was made by a newer version of Encore CRM (backup format ${version}). Update Encore CRM, then restore it. ${UNCHANGED}`,
    );
  const parsed = backupHeaderSchema.safeParse(value);
  if (!parsed.success)
    throw new BackupFileError('damaged', `This backup's header is damaged. ${UNCHANGED}`);
  return parsed.data;
}

/** The single-object JSON backups of earlier builds: a lone "{", then their format. */
function isLoneBrace(firstLine: Uint8Array): boolean {
  return firstLine.length < 4 && new TextDecoder().decode(firstLine).trim() === '{';
}

function olderFormatError(secondLine: Uint8Array): BackupFileError {
  return /^\s*"format":\s*"encore-crm-backup"/.test(new TextDecoder().decode(secondLine))
    ? new BackupFileError(
        'older-format',
        `This is a backup from an earlier build of Encore CRM (a single JSON file), which cannot be restored. ${UNCHANGED}`,
      )
    : new BackupFileError('not-a-backup', NOT_A_BACKUP);
}

export async function readBackup(
  source: ByteSource,
  options: ReadBackupOptions = {},
): Promise<BackupSummary> {
  const hash = new Sha256();
  const counts: Record<string, number> = {};
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  let lines = 0;
  let bytesRead = 0;
  let tableIndex = 0;
  let olderFormat = false;
  const damaged = (what: string) =>
    new BackupFileError('damaged', `This backup is damaged: ${what}. ${UNCHANGED}`);
  try {
    for await (const line of readLines(source, { signal: options.signal })) {
      bytesRead += line.bytes.length + (line.terminated ? 1 : 0);
      if (trailer) throw damaged('there is more after its last line');
      const number = lines + 1;
      if (number === 1 && isLoneBrace(line.bytes)) {
        olderFormat = true;
        lines = number;
        continue;
      }
      if (olderFormat) throw olderFormatError(line.bytes);
      const value = parseLine(line.bytes, number);
      if (number === 1) {
        header = checkHeader(value);
        options.onHeader?.(header);
      } else if (lineKind(value) === 'trailer') {
        const parsed = backupTrailerSchema.safeParse(value);
        if (!parsed.success) throw damaged('its last line is not readable');
        trailer = parsed.data;
        options.onProgress?.(bytesRead, source.size);
        continue;
      } else {
        const chunk = checkChunk(value, number, header, tableIndex, options);
        tableIndex = header?.tables.indexOf(chunk.table) ?? 0;
        counts[chunk.table] = (counts[chunk.table] ?? 0) + chunk.rows.length;
        await options.onChunk?.(chunk);
      }
      hash.update(line.bytes);
      if (line.terminated) hash.update(NEWLINE);
      lines = number;
      options.onProgress?.(bytesRead, source.size);
    }
  } catch (error) {
    if (error instanceof LineTooLongError) throw new BackupFileError('not-a-backup', NOT_A_BACKUP);
    throw error;
  }
  if (!header) throw new BackupFileError('not-a-backup', NOT_A_BACKUP);
  if (!trailer)
    throw new BackupFileError(
      'truncated',
      `This backup is incomplete: it stops after ${lines.toLocaleString('en-US')} lines, before its closing line (a copy or download that did not finish?). ${UNCHANGED}`,
    );
  checkTrailer(trailer, hash.hex(), lines, counts, damaged);
  return { header, trailer, counts, fileSize: source.size };
}

const NEWLINE = new Uint8Array([10]);

function checkChunk(
  value: unknown,
  number: number,
  header: BackupHeader | null,
  previousTable: number,
  options: ReadBackupOptions,
): BackupChunk {
  const damaged = (what: string) =>
    new BackupFileError('damaged', `This backup is damaged: line ${number} ${what}. ${UNCHANGED}`);
  const parsed = backupChunkSchema.safeParse(value);
  if (!parsed.success || !header) throw damaged('is not a chunk of rows');
  const chunk = parsed.data;
  const index = header.tables.indexOf(chunk.table);
  if (index === -1) throw damaged(`holds a table its header does not list (${chunk.table})`);
  if (index < previousTable) throw damaged(`goes back to ${chunk.table} after a later table`);
  if (options.checkRow) {
    for (const row of chunk.rows) {
      const problem = options.checkRow(chunk.table, row);
      if (problem) throw damaged(`has a ${chunk.table} row that ${problem}`);
    }
  }
  return chunk;
}

function checkTrailer(
  trailer: BackupTrailer,
  digest: string,
  lines: number,
  counts: Record<string, number>,
  damaged: (what: string) => BackupFileError,
): void {
  if (trailer.lines !== lines || trailer.sha256 !== digest)
    throw damaged('its contents do not match its checksum');
  const tables = new Set([...Object.keys(trailer.counts), ...Object.keys(counts)]);
  for (const table of tables) {
    if ((trailer.counts[table] ?? 0) !== (counts[table] ?? 0))
      throw damaged(
        `it holds ${counts[table] ?? 0} ${table} rows where it should hold ${trailer.counts[table] ?? 0}`,
      );
  }
}
