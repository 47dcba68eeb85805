import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_QUERY } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import type { CustomerListResult } from '../../src/renderer/src/services/crm/customers/customer-list-query';
import { resultCount } from '../../src/renderer/src/pages/crm/customer-result-count';
import { formatListCount } from '../../src/renderer/src/domain/customers/list-cell-format';

const all: CustomerListResult = { kind: 'all', query: DEFAULT_LIST_QUERY, first: [] };
const matches: CustomerListResult = {
  kind: 'matches',
  query: { ...DEFAULT_LIST_QUERY, search: 'jonas' },
  exactCount: 12,
  closeCount: 3,
  first: { offset: 0, ids: [], rows: new Map(), firstCloseIndex: 0 },
};

describe('the customer list count line', () => {
  it('says "counting…" until the search index has counted, never a guess', () => {
    expect(resultCount(all, undefined)).toBe('counting…');
    expect(resultCount(matches, undefined)).toBe('counting…');
  });

  it('shows the counted total, and matches of it', () => {
    expect(resultCount(all, 3400)).toBe('3,400 customers');
    expect(resultCount(all, 1)).toBe('1 customer');
    expect(resultCount(matches, 3400)).toBe('12 of 3,400 · 3 close matches');
    expect(resultCount({ ...matches, closeCount: 0 }, 3400)).toBe('12 of 3,400');
  });

  it('says "Indexing" while a search waits for the index, and nothing before the first answer', () => {
    expect(resultCount({ kind: 'indexing', query: DEFAULT_LIST_QUERY, indexed: 0 }, 5)).toBe(
      'Indexing customers…',
    );
    expect(resultCount(undefined, 5)).toBe('');
  });

  it('writes counts as toLocaleString does, the same text when a count comes back', () => {
    // Kept texts: 300 counts overflow the 256 kept, then each is asked again.
    const counts = Array.from({ length: 300 }, (_, i) => i * 7919 + (i % 3) * 1_000_000);
    for (const round of [1, 2])
      for (const n of counts) expect(formatListCount(n), `round ${round}`).toBe(n.toLocaleString());
  });
});
