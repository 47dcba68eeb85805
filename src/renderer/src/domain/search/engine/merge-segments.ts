/**
 * Merges two segments into one in O(total): ids, terms, tags and each sort order are already
 * sorted in both, so each is one pass of a two-way merge. Customers marked dead are left out,
 * and where both hold an id the second segment's version wins. This is both how a large
 * build joins its chunks and how compaction folds the delta into the base.
 */
import { SORTS } from '../sort-keys';
import { compareBytes, decodeCesu8 } from './bytes';
import { hasBit } from './bitset';
import { FrontCodedBuilder } from './front-coded';
import { IdColumnBuilder } from './id-column';
import { PhoneHeapBuilder } from './phone-heap';
import { TimeKeysBuilder } from './time-keys';
import type { IdColumn } from './id-column';
import { mergeDictionaries } from './merge-postings';
import { Segment, ownerColumn, sortedStringTable } from './segment';
import type { SortColumnData, SortColumnsData } from './sort-columns';
import type { SearchSort } from '../search-types';

export type MergeInput = { segment: Segment; dead: Uint32Array | null };

/** -1, 0, 1 by id; bytes when both are plain UUID columns. */
function compareIds(a: IdColumn, i: number, b: IdColumn, j: number): number {
  if (a.data.otherOrdinals.length === 0 && b.data.otherOrdinals.length === 0) {
    return Math.sign(
      compareBytes(a.data.uuids, i * 16, i * 16 + 16, b.data.uuids, j * 16, j * 16 + 16),
    );
  }
  const left = a.idAt(i);
  const right = b.idAt(j);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** New ordinals for both inputs (-1: left out), and the source of each new ordinal. */
function mergeIds(a: MergeInput, b: MergeInput) {
  const sizeA = a.segment.size;
  const sizeB = b.segment.size;
  const mapA = new Int32Array(sizeA).fill(-1);
  const mapB = new Int32Array(sizeB).fill(-1);
  const sources: number[] = []; // ordinal in a, or sizeA + ordinal in b
  let i = 0;
  let j = 0;
  const liveA = (k: number) => !a.dead || !hasBit(a.dead, k);
  const liveB = (k: number) => !b.dead || !hasBit(b.dead, k);
  const takeA = () => {
    mapA[i] = sources.length;
    sources.push(i++);
  };
  const takeB = () => {
    mapB[j] = sources.length;
    sources.push(sizeA + j++);
  };
  while (i < sizeA || j < sizeB) {
    if (i < sizeA && !liveA(i)) i += 1;
    else if (j < sizeB && !liveB(j)) j += 1;
    else if (j >= sizeB) takeA();
    else if (i >= sizeA) takeB();
    else {
      const order = compareIds(a.segment.ids, i, b.segment.ids, j);
      if (order < 0) takeA();
      else {
        if (order === 0) i += 1; // the same customer: b's version is the newer one
        takeB();
      }
    }
  }
  return { mapA, mapB, sources: Uint32Array.from(sources) };
}

export type Maps = ReturnType<typeof mergeIds>;

function mergeSortColumn(a: Segment, b: Segment, sort: SearchSort, maps: Maps): SortColumnData {
  const columnA = a.sorts[sort];
  const columnB = b.sorts[sort];
  const orderA = columnA.data.order;
  const orderB = columnB.data.order;
  const order = new Uint32Array(maps.sources.length);
  const names = sort === 'name' ? new FrontCodedBuilder(false) : null;
  const times = sort === 'name' ? null : new TimeKeysBuilder();
  let p = 0;
  let q = 0;
  let at = 0;
  for (;;) {
    while (p < orderA.length && maps.mapA[orderA[p]!]! < 0) p += 1;
    while (q < orderB.length && maps.mapB[orderB[q]!]! < 0) q += 1;
    if (p >= orderA.length && q >= orderB.length) break;
    let takeA = q >= orderB.length;
    if (!takeA && p < orderA.length) {
      const byKey = names
        ? compareNames(columnA.nameAt(p), columnB.nameAt(q))
        : compareTimes(columnA.timeAt(p), columnB.timeAt(q));
      // Equal keys: new ordinals follow the ids.
      takeA = byKey < 0 || (byKey === 0 && maps.mapA[orderA[p]!]! < maps.mapB[orderB[q]!]!);
    }
    const column = takeA ? columnA : columnB;
    const position = takeA ? p++ : q++;
    order[at] = takeA ? maps.mapA[orderA[position]!]! : maps.mapB[orderB[position]!]!;
    if (names) {
      const name = column.nameAt(position);
      names.add(name.bytes, 0, name.length);
    } else times!.add(column.timeAt(position));
    at += 1;
  }
  return { order, names: names?.finish() ?? null, times: times?.finish() ?? null };
}

/** Not a subtraction: -Infinity - -Infinity is NaN. */
function compareTimes(x: number, y: number): number {
  return x === y ? 0 : x < y ? -1 : 1;
}

function compareNames(x: { bytes: Uint8Array; length: number }, y: typeof x): number {
  return compareBytes(x.bytes, 0, x.length, y.bytes, 0, y.length);
}

function ownerNames(segment: Segment): string[] {
  const names: string[] = [];
  for (let i = 0; i < segment.owners.count; i += 1) {
    segment.owners.decode(i);
    names.push(decodeCesu8(segment.owners.current.bytes, 0, segment.owners.current.length));
  }
  return names;
}

export function mergeSegments(first: MergeInput, second: MergeInput): Segment {
  const a = first.segment;
  const b = second.segment;
  const maps = mergeIds(first, second);
  const size = maps.sources.length;
  const namesA = ownerNames(a);
  const namesB = ownerNames(b);
  const owners = sortedStringTable([...namesA, ...namesB]);
  const ownerOf = ownerColumn(size, owners.index.size);
  const flags = new Uint8Array(size);
  const ids = new IdColumnBuilder(size);
  const phones = new PhoneHeapBuilder(size);
  for (let ordinal = 0; ordinal < size; ordinal += 1) {
    const source = maps.sources[ordinal]!;
    const fromA = source < a.size;
    const segment = fromA ? a : b;
    const old = fromA ? source : source - a.size;
    ids.copy(segment.ids, old);
    const ownerName = (fromA ? namesA : namesB)[segment.data.ownerOf[old]!]!;
    ownerOf[ordinal] = owners.index.get(ownerName)!;
    flags[ordinal] = segment.data.flags[old]!;
    phones.copy(segment.data.phones, old);
  }
  const sorts = {} as SortColumnsData;
  for (const sort of SORTS) sorts[sort] = mergeSortColumn(a, b, sort, maps);
  return new Segment({
    size,
    ids: ids.finish(),
    terms: mergeDictionaries(a.terms, b.terms, maps),
    tags: mergeDictionaries(a.tags, b.tags, maps),
    owners: owners.table,
    ownerOf,
    flags,
    phones: phones.finish(),
    sorts,
  });
}
