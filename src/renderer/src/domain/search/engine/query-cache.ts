/**
 * What the last query computed, kept until the index changes: typing refines the search but
 * scrolling asks the same query for new windows, and a new sort reuses the match sets.
 */
import { parseQueryWords } from '../query-words';
import type { SearchQuery } from '../search-types';
import { hasBit, popcount } from './bitset';
import { decodeCesu8 } from './bytes';
import type { DeltaSegment } from './delta-segment';
import { baseFilter, deltaFilter, matchSets } from './match-sets';
import type { Filters, MatchSets } from './match-sets';
import { OrderedMatches } from './ordered-matches';
import type { Segment } from './segment';

type Matched = { key: string; base: MatchSets; delta: MatchSets };
type Ordered = { key: string; exact: OrderedMatches; close: OrderedMatches };

export class QueryCache {
  private filtered: { key: string; base: Uint32Array; delta: Uint32Array } | null = null;
  private matched: Matched | null = null;
  private lastOrdered: Ordered | null = null;

  constructor(
    private readonly base: Segment,
    private readonly dead: Uint32Array,
    private readonly delta: DeltaSegment,
  ) {}

  private filters(filters: Filters) {
    const key = JSON.stringify([filters.lifecycle, filters.tag, filters.optIn, filters.ownerId]);
    if (this.filtered?.key !== key) {
      this.filtered = {
        key,
        base: baseFilter(this.base, this.dead, filters),
        delta: deltaFilter(this.delta, filters),
      };
    }
    return this.filtered;
  }

  private matches(query: SearchQuery): Matched {
    const words = parseQueryWords(query.search);
    const filtered = this.filters(query);
    const key = JSON.stringify([filtered.key, words.map((word) => word.text)]);
    if (this.matched?.key !== key) {
      this.matched = {
        key,
        base: matchSets(this.base, words, filtered.base),
        delta: matchSets(this.delta, words, filtered.delta),
      };
    }
    return this.matched;
  }

  ordered(query: SearchQuery): { exact: OrderedMatches; close: OrderedMatches } {
    const matched = this.matches(query);
    const key = JSON.stringify([matched.key, query.sort, query.direction]);
    if (this.lastOrdered?.key !== key) {
      const list = (kind: 'exact' | 'close') =>
        new OrderedMatches(
          this.base,
          matched.base[kind],
          this.delta,
          matched.delta[kind],
          query.sort,
          query.direction,
          popcount(matched.base[kind]) + popcount(matched.delta[kind]),
        );
      this.lastOrdered = { key, exact: list('exact'), close: list('close') };
    }
    return this.lastOrdered;
  }

  liveTags(): string[] {
    const tags = new Set<string>();
    const dictionary = this.base.tags;
    for (let i = 0; i < dictionary.size; i += 1) {
      const postings = dictionary.postingsOf(i);
      if (postings.some((ordinal) => !hasBit(this.dead, ordinal))) {
        const term = dictionary.termAt(i);
        tags.add(decodeCesu8(term.bytes, 0, term.length));
      }
    }
    this.delta.entries.forEach((entry, i) => {
      if (this.delta.alive[i]) for (const tag of entry.tags) tags.add(tag);
    });
    return [...tags].sort();
  }

  byteSize(): number {
    let bytes = (this.filtered?.base.byteLength ?? 0) + (this.filtered?.delta.byteLength ?? 0);
    for (const sets of [this.matched?.base, this.matched?.delta]) {
      bytes += sets ? sets.exact.byteLength + sets.close.byteLength : 0;
    }
    const ordered = this.lastOrdered;
    return bytes + (ordered ? ordered.exact.byteSize() + ordered.close.byteSize() : 0);
  }
}
