/** What an import session takes and answers (the worker's API speaks in these). */
import type { CsvDialect } from '@shared/csv';
import type { ColumnMapping } from '../../../domain/import/mapping';
import type { ImportPlan } from '../../../domain/import/plan';
import type { RowIssue } from '../../../domain/import/rows';
import type { DateFormat } from '../../../domain/import/values';
import type { ImportJob } from '../../../domain/records';

export type ImportSettings = {
  dialect: CsvDialect;
  /** 0-based index, among the file's non-blank records, of the header row. */
  headerRow: number;
  mapping: ColumnMapping[];
  defaultRegion: string;
  dateFormat: DateFormat;
};

export type IssueRow = {
  row: number;
  /** Who the row is about, so a person can tell rows apart: the name and first valid email. */
  person: { name: string; email: string };
  cells: string[];
  issues: RowIssue[];
  blocked: boolean;
  skipped: boolean;
};

export type Analysis = {
  headers: string[];
  plan: ImportPlan['counts'];
  /** Rows with at least one issue, in file order. */
  issueRows: IssueRow[];
  /** Rows the user chose to merge into an existing customer (plan step). */
  mergeInto: { row: number; customerId: string }[];
  /** Existing customers the plan updates because of those choices. */
  merged: number;
};

export type ReadProgress = { bytesRead: number; totalBytes: number; rows: number };

export type WriteProgress = {
  done: number;
  total: number;
  rowsPerSecond: number;
  secondsLeft: number | null;
};

export type CommitResult = { status: 'finished' | 'cancelled' | 'failed'; job: ImportJob };

export type CommitOptions = {
  fileName: string;
  resumeJobId?: string;
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (p: WriteProgress) => void;
};
