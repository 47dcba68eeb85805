// The import benchmarks' ceilings, run in the app's page (opened with ?dev) after an import:
// papaparse parsing the same text, then plain Dexie (no guard, projection or change capture)
// bulk-writing, into a fresh database with the app's schema, the records the import left:
//   bare: the customers' profiles, emails and phones only;
//   full: the same plus every other record the import's transactions wrote: the customers'
//         list rows (customers_crm_v) and their sync outbox entries.
// The records are taken from the app's own database (the outbox entries after `outboxMark`
// carry every row the import wrote), so both ceilings write exactly what the import wrote.
// Reading them is not timed; parsing and writing are.

/** Runs in the page: returns { bareMs, fullMs, records } */
export async function measureCeilings(page, text, outboxMark) {
  return page.evaluate(
    async ({ text, outboxMark }) => {
      const { db, libs } = globalThis.encoreDev;
      const entries = await db.sync_outbox.where('seq').above(outboxMark).toArray();
      const latest = new Map();
      for (const entry of entries)
        if (entry.op === 'put') latest.set(`${entry.table}/${entry.row_id}`, entry);
      const rows = { customer_profiles: [], customer_emails: [], customer_phones: [] };
      for (const entry of latest.values()) rows[entry.table]?.push(entry.value);
      const customerIds = rows.customer_profiles.map((profile) => profile.id);
      const listRows = (await db.customers_crm_v.bulkGet(customerIds)).filter(Boolean);
      const outbox = entries.map(({ seq: _seq, ...entry }) => entry);

      async function write(tables) {
        const started = performance.now();
        libs.Papa.parse(text, { skipEmptyLines: true });
        const plain = new libs.Dexie(`ceiling-${Math.random()}`);
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
      const fullMs = await write({ ...rows, customers_crm_v: listRows, sync_outbox: outbox });
      return {
        bareMs,
        fullMs,
        records: {
          profiles: rows.customer_profiles.length,
          emails: rows.customer_emails.length,
          phones: rows.customer_phones.length,
          listRows: listRows.length,
          outbox: outbox.length,
        },
      };
    },
    { text, outboxMark },
  );
}

/** The outbox's last sequence number: call before the import. */
export async function outboxMark(page) {
  return page.evaluate(async () => {
    const last = await globalThis.encoreDev.db.sync_outbox.orderBy('seq').last();
    return last?.seq ?? 0;
  });
}
