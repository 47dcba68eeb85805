/**
 * The duplicates screens' reads: pairs from the detection worker (re-read whenever it says the
 * pairs may have changed), the customers they name from the list rows (live), and the merge
 * screen's bundles and plan (live, so the counts follow other writes).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { getDb } from '../../db/instance';
import type { BulkMergePlan } from '../../domain/duplicates/bulk-merge';
import type { Confidence } from '../../domain/duplicates/confidence';
import type { PairQuery } from '../../domain/duplicates/duplicate-index';
import type { DuplicatePair } from '../../domain/duplicates/pair-delta';
import type { CustomerListRow } from '../../domain/records';
import { readMergeView } from '../../services/crm/duplicates/merge-view';
import type { ProposedPair } from '../../services/crm/duplicates/proposed-pairs';
import { readProposedPairs } from '../../services/crm/duplicates/proposed-pairs';
import { duplicatesClient } from '../../workers/duplicates-client';
import { customerSearch } from '../../workers/search-client';
import { startAfterSearch } from './badge-start';

function useDetectionVersion(startWhen: StartWhen = 'now'): number {
  useEffect(() => {
    if (startWhen === 'now') {
      void duplicatesClient.start();
      return;
    }
    let live = true;
    void startAfterSearch(customerSearch(getDb()), () => {
      if (live) void duplicatesClient.start();
    });
    return () => {
      live = false;
    };
  }, [startWhen]);
  return useSyncExternalStore(duplicatesClient.subscribe, duplicatesClient.version);
}

/** 'after search': background readers (the badge) let the customer search start first. */
type StartWhen = 'now' | 'after search';

/** A worker answer, re-asked on each version; undefined while the first one is on its way. */
function useWorkerAnswer<T>(
  ask: () => Promise<T>,
  key: string,
  startWhen: StartWhen = 'now',
): T | undefined {
  const version = useDetectionVersion(startWhen);
  const [answer, setAnswer] = useState<{ key: string; value: T } | undefined>(undefined);
  useEffect(() => {
    if (version === 0) return;
    let live = true;
    void ask().then((value) => live && setAnswer({ key, value }));
    return () => {
      live = false;
    };
    // `ask` is rebuilt each render; `key` names what it asks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, key]);
  return answer?.key === key ? answer.value : undefined;
}

export function useDuplicatePairs(query: PairQuery): DuplicatePair[] | undefined {
  return useWorkerAnswer(() => duplicatesClient.api().pairs(query), JSON.stringify(query));
}

export function useDuplicatesOf(customerId: string): DuplicatePair[] | undefined {
  return useWorkerAnswer(() => duplicatesClient.api().pairsFor(customerId), customerId);
}

export function useDuplicateCounts(): Record<Confidence, number> | undefined {
  return useWorkerAnswer(() => duplicatesClient.api().counts(), 'counts');
}

export function useBulkMergePlan(): BulkMergePlan | undefined {
  return useWorkerAnswer(() => duplicatesClient.api().bulkPlan(), 'bulk');
}

/** The high-confidence count, for the sidebar badge: detection starts after search (badge-start.ts). */
export function useHighDuplicateCount(): number | undefined {
  return useWorkerAnswer(() => duplicatesClient.api().counts(), 'counts', 'after search')?.high;
}

/** List rows of the customers named, by id (a merged-away one is missing). */
export function useCustomerRows(ids: readonly string[]): Map<string, CustomerListRow> | undefined {
  const key = ids.join(',');
  return useLiveQuery(async () => {
    const rows = await getDb().customers_crm_v.bulkGet([...ids]);
    return new Map(rows.filter((row) => row !== undefined).map((row) => [row.customer_id, row]));
  }, [key]);
}

export function useMergeView(ids: readonly string[]) {
  const key = ids.join(',');
  return useLiveQuery(() => readMergeView(getDb(), ids), [key]);
}

/** Pairs the sync conflict rules proposed (same email on two laptops), live. */
export function useProposedPairs(): ProposedPair[] | undefined {
  return useLiveQuery(() => readProposedPairs(getDb()), []);
}
