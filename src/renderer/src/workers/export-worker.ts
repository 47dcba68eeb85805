/**
 * The CSV export off the UI thread. It opens its own connection to the same database and
 * runs the export service there; the window pulls one chunk at a time (`next`), so a slow
 * disk or IPC slows the reads down instead of piling text up in memory.
 */
import * as Comlink from 'comlink';
import { CrmDatabase } from '../db/database';
import type { ExportColumnGroup } from '../domain/export/export-columns';
import type { CellWriting } from '../domain/export/csv-writer';
import {
  createExportService,
  type ExportChunk,
  type ExportScope,
} from '../services/crm/export/export-service';

const service = createExportService(new CrmDatabase());
let running: AsyncGenerator<ExportChunk> | null = null;

const api = {
  /** Plans the export (ids and header); returns how many customers it will write. */
  async start(
    scope: ExportScope,
    groups: ExportColumnGroup[],
    cells: CellWriting,
  ): Promise<number> {
    await running?.return(undefined);
    const plan = await service.plan(scope, groups, { cells });
    running = service.stream(plan);
    return plan.ids.length;
  },
  /** The next chunk of CSV text, or null when the file is complete. */
  async next(): Promise<ExportChunk | null> {
    if (!running) return null;
    const step = await running.next();
    if (step.done) {
      running = null;
      return null;
    }
    return step.value;
  },
  async cancel(): Promise<void> {
    await running?.return(undefined);
    running = null;
  },
};

export type ExportWorkerApi = typeof api;

Comlink.expose(api);
