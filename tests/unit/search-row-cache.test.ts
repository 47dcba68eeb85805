import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerListRow } from '../../src/renderer/src/domain/records';
import { createCustomerService } from '../../src/renderer/src/services/crm/customers/customer-service';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { ListRowCache } from '../../src/renderer/src/services/crm/customers/search/row-cache';
import { SearchHost } from '../../src/renderer/src/services/crm/customers/search/search-host';
import { lastJournalSeq } from '../../src/renderer/src/services/crm/customers/search/search-journal';
import { openSnapshotStore } from '../../src/renderer/src/services/crm/customers/search/snapshot-store';
import { draft, emailDraft, freshDb } from './helpers';

const row = (id: string, name: string) =>
  ({ customer_id: id, display_name: name }) as unknown as CustomerListRow;

describe('the list row cache', () => {
  it('keeps what was read, forgets what was written, and drops the least recently used', () => {
    const cache = new ListRowCache(2);
    cache.keep(cache.mark(), [row('a', 'A'), undefined, row('b', 'B')]);
    expect(cache.get('a')?.display_name).toBe('A'); // a is now the most recently used
    cache.keep(cache.mark(), [row('c', 'C')]);
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((r) => r?.display_name)).toEqual([
      'A',
      undefined,
      'C',
    ]);
    cache.forget(['a']);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('does not keep a read that was under way while a write was applied', () => {
    const cache = new ListRowCache();
    const mark = cache.mark();
    cache.forget(['x']); // the journal named x while the read ran: it may hold x's old row
    cache.keep(mark, [row('x', 'old')]);
    expect(cache.get('x')).toBeUndefined();
    cache.keep(cache.mark(), [row('x', 'new')]);
    expect(cache.get('x')?.display_name).toBe('new');
  });
});

describe('the search host with its row cache', () => {
  it('never shows an edited or deleted customer with its old row, and serves repeats from memory', async () => {
    const db = freshDb();
    const customers = createCustomerService(db);
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const created = await customers.create(
        draft({ first_name: `Ana${i % 3}`, last_name: 'Rowe', emails: [emailDraft(`r${i}@x.io`)] }),
        'US',
      );
      if (!created.ok) throw new Error(JSON.stringify(created));
      ids.push(created.value);
    }
    const host = new SearchHost(db, openSnapshotStore(db.name));
    await host.start();
    const seen = () => db.transaction('r', db.search_journal, () => lastJournalSeq(db));
    const searches = ['', 'ana', 'rowe', 'ana1', 'r1'];
    let served = 0;
    let edits = 0;
    const gone = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('edit' as const), at: fc.nat(11), name: fc.string() }),
            fc.record({ kind: fc.constant('delete' as const), at: fc.nat(11) }),
            fc.record({
              kind: fc.constant('query' as const),
              search: fc.constantFrom(...searches),
            }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps) => {
          for (const step of steps) {
            if (step.kind !== 'query' && gone.has(ids[step.at]!)) continue;
            if (step.kind === 'edit') {
              edits += 1;
              await customers.updateProfile(ids[step.at]!, {
                last_name: `Rowe ${step.name} ${edits}`,
              });
            } else if (step.kind === 'delete') {
              await customers.remove(ids[step.at]!);
              gone.add(ids[step.at]!);
            } else {
              const query = { ...DEFAULT_LIST_QUERY, search: step.search };
              // As the list asks: with the journal's last seq it has seen (every write above).
              const answer = await host.queryWithRows(
                query,
                { offset: 0, limit: 40 },
                await seen(),
              );
              if (!answer) throw new Error('not ready');
              const stored = await db.customers_crm_v.bulkGet(answer.result.ids);
              expect(answer.rows).toEqual(stored);
              served += host.diagnostics().lastQuery?.rowsCached ?? 0;
            }
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(served).toBeGreaterThan(0);
  });
});
