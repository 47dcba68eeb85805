/** An import session on some bytes, with the settings the wizard would detect for them. */
import { bufferByteSource, sniffCsv, uniqueHeaderNames } from '@shared/csv';
import type { CrmDatabase } from '../../src/renderer/src/db/database';
import { autoMap } from '../../src/renderer/src/domain/import/mapping';
import { detectDateFormat } from '../../src/renderer/src/domain/import/values';
import {
  createImportService,
  type ImportService,
  type ImportSettings,
} from '../../src/renderer/src/services/crm/import-service';

export async function detectedImport(
  db: CrmDatabase,
  file: Uint8Array | string,
  name: string,
  region = 'US',
  sessionOptions: Parameters<ImportService['createSession']>[2] = {},
) {
  const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
  const source = bufferByteSource(bytes, name);
  const sniff = await sniffCsv(source);
  const mapping = autoMap(uniqueHeaderNames(sniff.preview[0] ?? []));
  const dob = mapping.find((m) => m.field === 'date_of_birth')?.column ?? -1;
  const settings: ImportSettings = {
    dialect: {
      encoding: sniff.encoding.encoding,
      delimiter: sniff.delimiter,
      newline: sniff.newline,
    },
    headerRow: 0,
    mapping,
    defaultRegion: region,
    dateFormat: detectDateFormat(sniff.preview.slice(1).map((row) => row[dob] ?? '')),
  };
  return {
    session: createImportService(db).createSession(source, settings, sessionOptions),
    mapping,
    settings,
  };
}
