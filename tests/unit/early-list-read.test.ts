import { describe, expect, it } from 'vitest';
import {
  createEarlyReads,
  listReadKey,
} from '../../src/renderer/src/hooks/customers/early-list-read';
import {
  DEFAULT_LIST_QUERY,
  type CustomerListQuery,
} from '../../src/renderer/src/services/crm/customers/customer-list-query';

const query: CustomerListQuery = { ...DEFAULT_LIST_QUERY, search: 'sofi' };

describe("the list's read asked from the search box's input event", () => {
  it('is taken by the same read, once', async () => {
    const reads = createEarlyReads<string>();
    reads.ask(listReadKey(query, '7', 1), Promise.resolve('answer to sofi'));
    await expect(reads.take(listReadKey({ ...query }, '7', 1))).resolves.toBe('answer to sofi');
    expect(reads.take(listReadKey(query, '7', 1))).toBeNull();
  });

  it('is never taken for another query, another version or another index state', () => {
    const others: [CustomerListQuery, string, number | string][] = [
      [{ ...query, search: 'sof' }, '7', 1],
      [{ ...query, lifecycle: 'lead' }, '7', 1],
      [{ ...query, tag: 'vip' }, '7', 1],
      [{ ...query, optIn: 'sms' }, '7', 1],
      [{ ...query, ownerId: '' }, '7', 1],
      [{ ...query, sort: 'created' }, '7', 1],
      [{ ...query, direction: 'desc' }, '7', 1],
      [query, '8', 1], // a write in between
      [query, '7', 2], // the index changed state (loaded, rebuilt)
    ];
    for (const [other, writes, version] of others) {
      const reads = createEarlyReads<string>();
      reads.ask(listReadKey(query, '7', 1), Promise.resolve('answer to sofi'));
      expect(reads.take(listReadKey(other, writes, version))).toBeNull();
      // Dropped: not taken later either.
      expect(reads.take(listReadKey(query, '7', 1))).toBeNull();
    }
  });

  it('keeps only the latest ask', async () => {
    const reads = createEarlyReads<string>();
    reads.ask(listReadKey({ ...query, search: 'so' }, '7', 1), Promise.resolve('so'));
    reads.ask(listReadKey(query, '7', 1), Promise.resolve('sofi'));
    expect(reads.take(listReadKey({ ...query, search: 'so' }, '7', 1))).toBeNull();
  });

  it('does not leave a failed read unhandled', async () => {
    const reads = createEarlyReads<string>();
    reads.ask('k', Promise.reject(new Error('worker gone')));
    reads.take('other');
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});
