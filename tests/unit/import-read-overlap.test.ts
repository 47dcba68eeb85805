import { bufferByteSource } from '@shared/csv';
import { describe, expect, it } from 'vitest';
import { createExistingLookup } from '../../src/renderer/src/services/crm/import/import-lookup';
import { createImportStaging } from '../../src/renderer/src/services/crm/import/import-staging';
import { readRows } from '../../src/renderer/src/services/crm/import/session-read';
import { emptyRows, rowCount } from '../../src/renderer/src/services/crm/import/session-rows';
import { detectedImport } from './import-helpers';
import { freshDb } from './helpers';

const ROWS = 60;
const csv = [
  'First Name,Last Name,Email,Phone Number',
  ...Array.from(
    { length: ROWS },
    (_, i) => `Fan${i},Person${i},fan${i}@example.com,(415) 555-${String(1000 + i)}`,
  ),
].join('\n');

describe('reading an import', () => {
  it('converts the next batch while the previous one waits on the database, staging in file order', async () => {
    const db = freshDb();
    const { settings } = await detectedImport(db, csv, 'fans.csv');
    const rows = emptyRows('overlap');
    const staging = createImportStaging(db);
    const lookup = createExistingLookup(db);
    // For each batch: the last row converted when its lookups were answered (a tick later).
    const convertedWhileWaiting: { batchLast: number; convertedThrough: number }[] = [];
    const staged: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await readRows(
      {
        source: bufferByteSource(new TextEncoder().encode(csv), 'fans.csv'),
        settings,
        staging: {
          ...staging,
          put: async (session, candidates) => {
            inFlight += 1;
            mostInFlight = Math.max(mostInFlight, inFlight);
            staged.push(...candidates.map((c) => c.row));
            await staging.put(session, candidates);
            inFlight -= 1;
          },
        },
        lookupExisting: async (addresses, ids) => {
          const batchLast = rows.range.last;
          const found = await lookup(addresses, ids);
          await new Promise((resolve) => setTimeout(resolve, 5));
          convertedWhileWaiting.push({ batchLast, convertedThrough: rows.range.last });
          return found;
        },
        chunkBytes: 256,
        holdBudget: 1_000,
      },
      rows,
    );
    expect(rowCount(rows)).toBe(ROWS);
    // Every row staged once, in file order, one batch at a time.
    expect(staged).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    expect(mostInFlight).toBe(1);
    expect(convertedWhileWaiting.length).toBeGreaterThan(3);
    // While a batch (not the file's last) waited on its lookups, the next one was converted.
    const notLast = convertedWhileWaiting.filter(({ batchLast }) => batchLast < ROWS + 1);
    expect(notLast.length).toBeGreaterThan(3);
    for (const { batchLast, convertedThrough } of notLast)
      expect(convertedThrough).toBeGreaterThan(batchLast);
    const back = await staging.get('overlap', [2, ROWS + 1]);
    expect(back.map((c) => c.first_name)).toEqual(['Fan0', `Fan${ROWS - 1}`]);
    db.close();
  });
});
