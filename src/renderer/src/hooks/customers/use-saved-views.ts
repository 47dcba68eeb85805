/** The customer list's saved views, live (services/crm/customers/saved-views-service.ts). */
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import type { CustomerView } from '../../services/crm/customers/saved-views-service';
import { createSavedViewsService } from '../../services/crm/customers/saved-views-service';

export function useSavedViews(): CustomerView[] {
  return useLiveQuery(() => createSavedViewsService(getDb()).list(), []) ?? [];
}
