/** What the command palette finds as the user types: customers, deals and tasks, live. */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import { useCustomerMatches } from '../customers/use-customers';
import { searchDealOptions } from '../../services/crm/deals/deal-queries';
import { searchTaskOptions } from '../../services/crm/tasks/task-queries';

const NOTHING = { customers: [], deals: [], tasks: [] };

export function usePaletteMatches(search: string) {
  const text = search.trim();
  // The customer search is the list's own (the search index: names, emails, phones, notes, tags).
  const customers = useCustomerMatches(text, 6);
  const others =
    useLiveQuery(async () => {
      if (!text) return NOTHING;
      const db = getDb();
      const [deals, tasks] = await Promise.all([
        searchDealOptions(db, text),
        searchTaskOptions(db, text),
      ]);
      return { deals, tasks };
    }, [text]) ?? NOTHING;
  return { customers: text ? customers : [], deals: others.deals, tasks: others.tasks };
}
