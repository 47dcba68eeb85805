/**
 * Runs a CSV export from the dialog: where to save first (the user can cancel before any
 * work), then the export worker's chunks into the platform's sink (a file on disk in Electron, a
 * download in the browser). A failure or a cancel leaves no partial file behind.
 */
import type { ExportColumnGroup } from '../domain/export/export-columns';
import type { CellWriting } from '../domain/export/csv-writer';
import { getPlatform } from '../platform';
import type { ExportScope } from '../services/crm/export/export-service';
import { exportFileName } from '../services/crm/export/export-service';
import { startExport } from '../workers/export-client';

export type ExportProgress = { rowsWritten: number; total: number };

export type ExportOutcome =
  { status: 'saved'; location: string; rows: number } | { status: 'cancelled' };

export async function exportCustomersCsv(
  scope: ExportScope,
  groups: readonly ExportColumnGroup[],
  options: {
    onProgress?: (progress: ExportProgress) => void;
    signal?: AbortSignal;
    /** 'raw': no apostrophe before +, -, =, @ (for another system, not a spreadsheet). */
    cells?: CellWriting;
  } = {},
): Promise<ExportOutcome> {
  const sink = await getPlatform().beginSave({
    suggestedName: exportFileName(),
    mimeType: 'text/csv',
  });
  if (!sink) return { status: 'cancelled' };
  try {
    const run = await startExport(scope, groups, options.cells);
    options.onProgress?.({ rowsWritten: 0, total: run.total });
    let rows = 0;
    for (let chunk = await run.next(); chunk; chunk = await run.next()) {
      if (options.signal?.aborted) {
        await run.cancel();
        await sink.abort();
        return { status: 'cancelled' };
      }
      await sink.append(chunk.text);
      rows = chunk.rowsWritten;
      options.onProgress?.({ rowsWritten: rows, total: chunk.total });
    }
    const saved = await sink.finish();
    return {
      status: 'saved',
      location: saved.status === 'saved' ? saved.location : sink.location,
      rows,
    };
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw error;
  }
}
