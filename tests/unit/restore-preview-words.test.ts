import { describe, expect, it } from 'vitest';
import {
  formatWhen,
  previewRows,
  restoreSubtitle,
} from '../../src/renderer/src/components/backup/table-labels';

describe('the restore dialog says what the file is and what it holds, in user words', () => {
  it('the subtitle names when the backup was made beside the file name, once the check read it', () => {
    const name = 'encore-crm-backup-2026-12-07-091200-daily.ndjson';
    const at = '2026-12-07T09:12:00.000Z';
    expect(restoreSubtitle(name, at)).toBe(`Backup of ${formatWhen(at)}, ${name}`);
    // While the file is being checked, its header is not known yet: the name alone.
    expect(restoreSubtitle(name)).toBe(name);
  });

  it('the sync bookkeeping is said in words, never as a bare count', () => {
    const rows = previewRows({ customer_profiles: 60, sync_state: 3, sync_outbox: 0 });
    expect(rows.map((row) => row.label)).toEqual(['Customers', 'How far sync had got']);
    expect(rows.find((row) => row.table === 'sync_state')).toEqual({
      table: 'sync_state',
      label: 'How far sync had got',
      value: 'Included',
    });
    for (const row of rows) expect(row.label).not.toMatch(/bookkeeping/i);
  });

  it('counts are shown for the tables a person knows, in order, empty ones left out', () => {
    expect(previewRows({ customer_emails: 1200, customer_profiles: 1000 })).toEqual([
      { table: 'customer_profiles', label: 'Customers', value: (1000).toLocaleString() },
      { table: 'customer_emails', label: 'Emails', value: (1200).toLocaleString() },
    ]);
  });
});
