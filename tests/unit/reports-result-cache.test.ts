import { describe, expect, it } from 'vitest';
import { createResultCache } from '../../src/renderer/src/services/crm/reports/report-result-cache';

describe('the results kept per filter key', () => {
  it('keeps at most its limit, forgetting the least recently used first', () => {
    const cache = createResultCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recently used
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });
  it('forgets everything when cleared, and a key set again replaces its value', () => {
    const cache = createResultCache<string>(4);
    cache.set('a', 'old');
    cache.set('a', 'new');
    expect(cache.get('a')).toBe('new');
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
