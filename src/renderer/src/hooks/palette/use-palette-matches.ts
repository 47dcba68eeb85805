/** What the command palette finds as the user types: customers, deals and tasks, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import { searchCustomerOptions } from '../../services/crm/customers/customer-list-query';
import { searchDealOptions } from '../../services/crm/deals/deal-queries';
import { searchTaskOptions } from '../../services/crm/tasks/task-queries';

const NOTHING = { customers: [], deals: [], tasks: [] };

export function usePaletteMatches(search: string) {
  const text = search.trim();
  return (
    useLiveQuery(async () => {
      if (!text) return NOTHING;
      const db = getDb();
      // The customer search is the list's own (names, emails, any part of a phone).
      const [customers, deals, tasks] = await Promise.all([
        searchCustomerOptions(db, text, 6),
        searchDealOptions(db, text),
        searchTaskOptions(db, text),
      ]);
      return { customers, deals, tasks };
    }, [text]) ?? NOTHING
  );
}
