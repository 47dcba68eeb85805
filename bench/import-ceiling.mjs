// The import benchmarks' ceilings, run in the app's page (opened with ?dev) after an import:
// papaparse parsing the same text, then plain Dexie (no guard, projection or change capture)
// bulk-writing, into a fresh database with the app's schema, the records the import left:
//   bare: the customers' profiles, emails and phones only;
//   full: the same plus every other record the import's transactions wrote: the customers'
//         list rows (customers_crm_v) and, when sync is configured, their outbox entries.
// The records are taken from the app's own database (the rows whose updated_at is after
// `importMark`, and the outbox entries queued since), so both ceilings write exactly what the
// import wrote. With sync not configured (the benchmark's app) the import queues no outbox
// entries (change capture is dormant until the first sync: sync/initial-upload.ts).
// Reading them is not timed; parsing and writing are.
//   full, same size: the full ceiling written into a plain copy of the app's database as it
//         was before the import (prepareSameSizeCeiling), so that both write into a database
//         of the same size (LevelDB's reads and compactions grow with it).

export const SAME_SIZE_DB = 'ceiling-same-size';

/** Before the import: a plain copy of the customer tables and the outbox (not timed). */
export async function prepareSameSizeCeiling(page) {
  return page.evaluate(async (name) => {
    const { db, libs } = globalThis.encoreDev;
    const copy = new libs.Dexie(name);
    copy.version(1).stores(libs.SCHEMA_V1);
    const tables = [
      'customer_profiles',
      'customer_emails',
      'customer_phones',
      'customers_crm_v',
      'sync_outbox',
    ];
    let copied = 0;
    for (const table of tables) {
      let last = null;
      for (;;) {
        const source = db.table(table);
        const page = await (last === null ? source.orderBy(':id') : source.where(':id').above(last))
          .limit(5000)
          .toArray();
        if (page.length === 0) break;
        await copy.table(table).bulkPut(page);
        copied += page.length;
        const keyPath = source.schema.primKey.keyPath;
        last = page[page.length - 1][keyPath];
      }
    }
    copy.close();
    return copied;
  }, SAME_SIZE_DB);
}

/** Runs in the page: returns { bareMs, fullMs, sameSizeMs, records } */
export async function measureCeilings(page, text, mark, sameSize = false) {
  return page.evaluate(
    async ({ text, mark, sameSize, sameSizeName }) => {
      const { db, libs } = globalThis.encoreDev;
      const entries = await db.sync_outbox.where('seq').above(mark.outboxSeq).toArray();
      const rows = { customer_profiles: [], customer_emails: [], customer_phones: [] };
      for (const name of Object.keys(rows))
        rows[name] = await db
          .table(name)
          .filter((row) => row.updated_at > mark.startedAt)
          .toArray();
      const customerIds = rows.customer_profiles.map((profile) => profile.id);
      const listRows = (await db.customers_crm_v.bulkGet(customerIds)).filter(Boolean);
      const outbox = entries.map(({ seq: _seq, ...entry }) => entry);

      async function write(tables, into = null) {
        const started = performance.now();
        libs.Papa.parse(text, { skipEmptyLines: true });
        const plain = new libs.Dexie(into ?? `ceiling-${Math.random()}`);
        plain.version(1).stores(libs.SCHEMA_V1);
        const CHUNK = globalThis.__ceilingChunk ?? 5000;
        const longest = Math.max(...Object.values(tables).map((list) => list.length));
        for (let start = 0; start < longest; start += CHUNK)
          await plain.transaction('rw', Object.keys(tables), async () => {
            for (const [name, list] of Object.entries(tables))
              await plain.table(name).bulkPut(list.slice(start, start + CHUNK));
          });
        const ms = performance.now() - started;
        await plain.delete();
        return ms;
      }
      const bareMs = await write(rows);
      const full = { ...rows, customers_crm_v: listRows, sync_outbox: outbox };
      const fullMs = await write(full);
      const sameSizeMs = sameSize ? await write(full, sameSizeName) : null;
      return {
        bareMs,
        fullMs,
        sameSizeMs,
        records: {
          profiles: rows.customer_profiles.length,
          emails: rows.customer_emails.length,
          phones: rows.customer_phones.length,
          listRows: listRows.length,
          outbox: outbox.length,
        },
      };
    },
    { text, mark, sameSize, sameSizeName: SAME_SIZE_DB },
  );
}

/** Where the database stands before the import: the time and the outbox's last number. */
export async function importMark(page) {
  return page.evaluate(async () => {
    const last = await globalThis.encoreDev.db.sync_outbox.orderBy('seq').last();
    // Rows written from now on are the import's (timestamps are ISO strings, ms precision).
    const startedAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 2));
    return { outboxSeq: last?.seq ?? 0, startedAt };
  });
}
