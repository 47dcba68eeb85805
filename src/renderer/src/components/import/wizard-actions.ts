/**
 * What the wizard's buttons do. Reading and writing happen in the import worker; the window
 * keeps only the choices and the summaries (zustand store).
 */
import {
  isCsvReadError,
  sniffCsv,
  uniqueHeaderNames,
  type CsvDelimiter,
  type CsvEncoding,
} from '@shared/csv';
import {
  applySavedMapping,
  autoMap,
  pairLabels,
  type ColumnMapping,
} from '../../domain/import/mapping';
import type { MergePolicy } from '../../domain/import/plan';
import type { IssueKind } from '../../domain/import/rows';
import { suggestRegion } from '../../domain/import/region-suggestion';
import { DATE_FORMATS, detectDateFormat } from '../../domain/import/values';
import { getPlatform } from '../../platform';
import { crm } from '../../services/registry';
import { useImportWizard } from '../../stores/import/import-wizard-store';
import { importClient, type PickedFile } from '../../workers/import-client';

const wizard = () => useImportWizard.getState();

/** Rows read for the preview; the region suggestion counts phones in them too. */
const PREVIEW_ROWS = 200;

function message(error: unknown): string {
  if (isCsvReadError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

async function guarded(run: () => Promise<void>): Promise<void> {
  wizard().set({ busy: true, error: null });
  try {
    await run();
  } catch (error) {
    wizard().set({ error: message(error) });
  } finally {
    wizard().set({ busy: false });
  }
}

function headersOf(headerRow: number): string[] {
  return uniqueHeaderNames(wizard().sniff?.preview[headerRow] ?? []);
}

async function mapColumns(headerRow: number): Promise<void> {
  const headers = headersOf(headerRow);
  const saved = await crm().imports.findSavedMapping(headers);
  const mapping = saved ? applySavedMapping(headers, saved.mapping) : autoMap(headers);
  const dob = mapping.find((m) => m.field === 'date_of_birth')?.column;
  const samples = (wizard().sniff?.preview ?? []).slice(headerRow + 1);
  const detected =
    dob === undefined
      ? wizard().dateFormat
      : detectDateFormat(samples.map((row) => row[dob] ?? ''));
  // What the user chose with the mapping comes back with it: a German file saved with region
  // DE is read in DE again, not in the default region.
  const savedFormat = DATE_FORMATS.find((format) => format === saved?.dateFormat);
  const suggestion = saved?.region
    ? null
    : regionFromFile(headers, mapping, samples, wizard().region);
  wizard().set({
    headerRow,
    mapping,
    mappingFromSaved: saved !== null,
    dateFormat: savedFormat ?? detected,
    regionSuggestion: suggestion,
    ...(saved?.region ? { region: saved.region } : {}),
    ...(suggestion ? { region: suggestion.region } : {}),
  });
}

/**
 * The region the sample rows point to (the national numbers it reads, phone country codes,
 * German headers, dates), beside the region the user reads national numbers in.
 */
function regionFromFile(
  headers: string[],
  mapping: ColumnMapping[],
  rows: string[][],
  defaultRegion: string,
) {
  const cellsOf = (field: string) =>
    mapping
      .filter((entry) => entry.field === field)
      .flatMap((entry) => rows.map((row) => row[entry.column] ?? ''));
  return suggestRegion({
    headers,
    phones: cellsOf('phone'),
    dates: cellsOf('date_of_birth'),
    defaultRegion,
  });
}

export async function chooseFile(file: PickedFile, defaultRegion: string): Promise<void> {
  // A resumed import keeps its job and the merge policy it was started with.
  const { resumeJobId, policy } = wizard();
  wizard().reset();
  wizard().set({ file, region: defaultRegion, resumeJobId, ...(resumeJobId ? { policy } : {}) });
  await guarded(async () => {
    const sniff = await sniffCsv(file.source, {}, PREVIEW_ROWS);
    wizard().set({ sniff });
    await mapColumns(0);
    wizard().set({ step: 'dialect' });
  });
}

export async function pickWithDialog(defaultRegion: string): Promise<void> {
  await guarded(async () => {
    const source = await getPlatform().openCsvFile();
    if (source) await chooseFile({ source, blob: null }, defaultRegion);
  });
}

export async function changeDialect(overrides: {
  encoding?: CsvEncoding;
  delimiter?: CsvDelimiter;
}): Promise<void> {
  const { file, sniff, headerRow } = wizard();
  if (!file || !sniff) return;
  await guarded(async () => {
    const next = await sniffCsv(
      file.source,
      {
        encoding: overrides.encoding ?? sniff.encoding.encoding,
        delimiter: overrides.delimiter ?? sniff.delimiter,
      },
      PREVIEW_ROWS,
    );
    // Keep what was detected, so the user still sees why.
    if (!overrides.encoding) next.encoding = sniff.encoding;
    wizard().set({ sniff: next });
    await mapColumns(Math.min(headerRow, next.preview.length - 1));
  });
}

export async function chooseHeaderRow(headerRow: number): Promise<void> {
  await guarded(() => mapColumns(headerRow));
}

export function updateColumn(column: number, patch: Partial<ColumnMapping>): void {
  const mapping = wizard().mapping.map((entry) =>
    entry.column === column ? { ...entry, ...patch, how: 'user' as const } : entry,
  );
  wizard().set({ mapping: pairLabels(mapping) });
}

export async function analyse(saveMapping: boolean): Promise<void> {
  const { file, sniff, headerRow, mapping, region, dateFormat } = wizard();
  if (!file || !sniff) return;
  await guarded(async () => {
    if (saveMapping)
      await crm().imports.saveMapping(
        headersOf(headerRow),
        { mapping, region, dateFormat },
        file.source.name,
      );
    await importClient.analyse(
      file,
      {
        dialect: {
          encoding: sniff.encoding.encoding,
          delimiter: sniff.delimiter,
          newline: sniff.newline,
        },
        headerRow,
        mapping,
        defaultRegion: region,
        dateFormat,
      },
      (reading) => wizard().set({ reading }),
    );
    const analysis = await importClient.setPolicy(wizard().policy);
    wizard().set({ analysis, reading: null, step: 'validation' });
  });
}

export async function fixCell(row: number, column: number, value: string): Promise<void> {
  await guarded(async () =>
    wizard().set({ analysis: await importClient.fixCell(row, column, value) }),
  );
}

export async function skipRow(row: number, skip: boolean): Promise<void> {
  await guarded(async () => wizard().set({ analysis: await importClient.setSkipped(row, skip) }));
}

/** "Skip all": every row with this kind of issue not skipped yet (chosen in the worker). */
export async function skipAllWithIssue(kind: IssueKind): Promise<void> {
  await guarded(async () => wizard().set({ analysis: await importClient.skipOpenWithIssue(kind) }));
}

/** Every invalid phone read again in `region`; how many rows now read, and how many not. */
export async function rereadPhones(
  region: string,
): Promise<{ read: number; unread: number } | null> {
  let counts: { read: number; unread: number } | null = null;
  await guarded(async () => {
    const { analysis, read, unread } = await importClient.rereadPhones(region);
    wizard().set({ analysis });
    counts = { read, unread };
  });
  return counts;
}

/** Rows with an invalid phone imported without the phones that do not read in `region`. */
export async function dropInvalidPhones(region: string): Promise<void> {
  await guarded(async () =>
    wizard().set({ analysis: await importClient.dropInvalidPhones(region) }),
  );
}

export async function choosePolicy(policy: MergePolicy): Promise<void> {
  wizard().set({ policy });
  await guarded(async () => wizard().set({ analysis: await importClient.setPolicy(policy) }));
}

export async function startImport(): Promise<void> {
  const { file, resumeJobId } = wizard();
  if (!file) return;
  wizard().set({ step: 'progress', progress: null });
  await guarded(async () => {
    const result = await importClient.commit(
      file.source.name,
      (progress) => wizard().set({ progress }),
      resumeJobId ?? undefined,
    );
    wizard().set({ result, step: 'summary' });
    if (result.status === 'failed') wizard().set({ error: result.job.message });
  });
  await file.source.close?.();
}

export function cancelImport(): void {
  void importClient.cancel();
}
