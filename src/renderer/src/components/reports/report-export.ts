/** A report table saved as CSV (the app's CSV writer, through the platform's save) or copied. */
import { getPlatform } from '../../platform';
import type { ReportTable } from '../../domain/reports/report-table';
import { tableToCsv, tableToTsv } from '../../domain/reports/report-table';

/** "revenue-EUR-2026-03-15.csv": the table's id and today's date. */
export function reportFileName(table: ReportTable, extension: 'csv' | 'png'): string {
  return `${table.id}-${new Date().toISOString().slice(0, 10)}.${extension}`;
}

/** Saves the table; returns where it went, or null when the user cancelled. */
export async function saveTableCsv(table: ReportTable): Promise<string | null> {
  const sink = await getPlatform().beginSave({
    suggestedName: reportFileName(table, 'csv'),
    mimeType: 'text/csv',
  });
  if (!sink) return null;
  try {
    await sink.append(tableToCsv(table));
    const saved = await sink.finish();
    return saved.status === 'saved' ? saved.location : sink.location;
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw error;
  }
}

export async function copyTable(table: ReportTable): Promise<void> {
  await navigator.clipboard.writeText(tableToTsv(table));
}
