import Dexie from 'dexie';
import { bufferByteSource } from '@shared/csv';
import type { BackupFileInfo } from '@shared/ipc';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupBeforeUpgrade,
  runDailyBackupIfDue,
} from '../../src/renderer/src/app/backup-schedule';
import { DATABASE_NAME } from '../../src/renderer/src/db/database';
import { getDb } from '../../src/renderer/src/db/instance';
import { SCHEMA_V1 } from '../../src/renderer/src/db/schema';
import { readBackup } from '../../src/renderer/src/domain/backup/backup-reader';
import { isBackupDue, schemaVersionOf } from '../../src/renderer/src/domain/backup/schedule';
import { setPlatformForTesting, type Platform } from '../../src/renderer/src/platform';

/** The desktop platform's backups folder, in memory. */
function fakeDesktop(existing: BackupFileInfo[] = []) {
  const files = new Map<string, string>();
  const pruned: number[] = [];
  const platform = {
    kind: 'electron',
    appInfo: async () => ({ name: 'Encore CRM', version: '0.2.0', platform: 'linux' }),
    backups: {
      begin: async (reason: string) => {
        const name = `encore-crm-backup-${files.size}-${reason}.ndjson`;
        const parts: string[] = [];
        return {
          location: name,
          append: async (text: string) => void parts.push(text),
          finish: async () => {
            files.set(name, parts.join(''));
            return { status: 'saved' as const, location: name };
          },
          abort: async () => undefined,
        };
      },
      list: async () => existing,
      prune: async (keep: number) => {
        pruned.push(keep);
        return 0;
      },
      show: async () => undefined,
    },
  } as unknown as Platform;
  return { platform, files, pruned };
}

afterEach(() => setPlatformForTesting(undefined));

describe('when automatic backups are due', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it.each([
    [null, true],
    ['2026-11-26T11:59:00Z', true],
    ['2026-11-26T12:30:00Z', false],
    ['2026-11-27T11:00:00Z', false],
    // A clock that ran ahead, then was fixed, must not stop backups for days.
    ['2026-12-25T12:00:00Z', true],
    ['not a date', true],
  ])('newest backup %s: due %s', (newest, due) => expect(isBackupDue(newest, now)).toBe(due));

  it('reads Dexie versions from IndexedDB versions', () => {
    expect(schemaVersionOf(undefined)).toBeNull();
    expect(schemaVersionOf(0)).toBeNull();
    expect(schemaVersionOf(10)).toBe(1);
    expect(schemaVersionOf(20)).toBe(2);
    expect(schemaVersionOf(21)).toBe(2);
  });
});

describe('automatic backups on the desktop', () => {
  it('before the schema upgrade, backs up the old database as it is, then not again', async () => {
    // A database as an earlier version of the app left it: schema version 1, one customer.
    const old = new Dexie(DATABASE_NAME);
    old.version(1).stores(SCHEMA_V1);
    await old.open();
    await old.table('customer_profiles').put({ id: 'c1', deleted: 0, first_name: 'Ana' });
    old.close();

    const desktop = fakeDesktop();
    setPlatformForTesting(desktop.platform);
    await expect(backupBeforeUpgrade()).resolves.toBe(true);
    const [written] = [...desktop.files.values()];
    const summary = await readBackup(
      bufferByteSource(new TextEncoder().encode(written ?? ''), 'before-upgrade'),
    );
    expect(summary.header).toMatchObject({
      schema_version: 1,
      reason: 'before-upgrade',
      app_version: '0.2.0',
    });
    expect(summary.counts['customer_profiles']).toBe(1);
    // Still version 1 on disk until the app opens it; then the upgrade runs.
    await getDb().open();
    expect(getDb().verno).toBeGreaterThan(1);
    expect(await getDb().customer_profiles.get('c1')).toMatchObject({ first_name: 'Ana' });
    getDb().close();
    await expect(backupBeforeUpgrade()).resolves.toBe(false);
    expect(desktop.files.size).toBe(1);
  });

  it('writes the daily backup when the newest is a day old, records it, and prunes to the setting', async () => {
    const db = getDb();
    await db.open();
    await db.customer_profiles.put({
      id: 'c2',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      deleted: 0,
      first_name: 'Bo',
      last_name: 'Ek',
      date_of_birth: null,
      notes: '',
      tags: [],
      lifecycle: 'lead',
      owner_id: null,
      email_consent: { opted_in: false, source: null, changed_at: null },
      sms_consent: { opted_in: false, source: null, changed_at: null },
    });
    await db.app_settings.put({ key: 'backups_keep', value: 3 });
    const recent = [{ name: 'x', size: 1, modifiedAt: '2026-11-27T08:00:00.000Z' }];
    const notDue = fakeDesktop(recent);
    setPlatformForTesting(notDue.platform);
    await expect(runDailyBackupIfDue(() => new Date('2026-11-27T12:00:00Z'))).resolves.toBe(
      'not-due',
    );
    expect(notDue.files.size).toBe(0);

    const due = fakeDesktop(recent);
    setPlatformForTesting(due.platform);
    await expect(runDailyBackupIfDue(() => new Date('2026-11-28T09:00:00Z'))).resolves.toBe(
      'written',
    );
    expect([...due.files.keys()]).toEqual(['encore-crm-backup-0-daily.ndjson']);
    expect(due.pruned).toEqual([3]);
    expect((await db.app_settings.get('last_backup'))?.value).toMatchObject({
      reason: 'daily',
      location: 'encore-crm-backup-0-daily.ndjson',
    });
  });

  it('the browser has no backups folder: no automatic backup', async () => {
    setPlatformForTesting({ kind: 'browser' } as unknown as Platform);
    await expect(runDailyBackupIfDue()).resolves.toBe('unavailable');
    await expect(backupBeforeUpgrade()).resolves.toBe(false);
  });
});
