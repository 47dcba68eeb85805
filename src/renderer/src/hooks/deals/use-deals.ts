/** The deal views' live reads. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { getDb } from '../../db/instance';
import type { BoardData, CustomerDealRow, DealDetail } from '../../services/crm/deals/deal-queries';
import {
  combineBoard,
  dealsForCustomer,
  loadBoardDeals,
  loadBoardPeople,
  loadDeal,
  loadOpenTaskCounts,
  loadStages,
} from '../../services/crm/deals/deal-queries';

/**
 * The board's data, read as four live queries so a drop (an event_deals write) re-reads only
 * the deals, not every participant, name and task.
 */
export function useBoard(): BoardData | undefined {
  const deals = useLiveQuery(() => loadBoardDeals(getDb()), []);
  const people = useLiveQuery(() => loadBoardPeople(getDb()), []);
  const tasks = useLiveQuery(() => loadOpenTaskCounts(getDb()), []);
  const stages = useLiveQuery(() => loadStages(getDb()), []);
  return useMemo(
    () =>
      deals && people && tasks && stages ? combineBoard(deals, people, tasks, stages) : undefined,
    [deals, people, tasks, stages],
  );
}

/** undefined while loading, null when the deal does not exist. */
export function useDeal(id: string): DealDetail | null | undefined {
  return useLiveQuery(() => loadDeal(getDb(), id), [id]);
}

export function useCustomerDeals(customerId: string): CustomerDealRow[] | undefined {
  return useLiveQuery(() => dealsForCustomer(getDb(), customerId), [customerId]);
}
