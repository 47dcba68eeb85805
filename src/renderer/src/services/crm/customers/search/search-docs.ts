/** A list row as the search engine's document: the row carries every field search reads. */
import type { CustomerListRow } from '../../../../domain/records';
import type { SearchDoc } from '../../../../domain/search/search-types';

export function searchDocOf(row: CustomerListRow): SearchDoc {
  return {
    id: row.customer_id,
    first_name: row.first_name,
    last_name: row.last_name,
    emails: row.all_emails,
    phones: row.all_phones,
    tags: row.tags,
    notes: row.notes,
    lifecycle: row.lifecycle,
    owner_id: row.owner_id,
    email_opt_in: row.email_opt_in,
    sms_opt_in: row.sms_opt_in,
    sort_name: row.sort_name,
    created_at: row.created_at,
    updated_at: row.updated_at,
    last_touch_at: row.last_touch_at,
    engagement_log: row.engagement_log,
  };
}
