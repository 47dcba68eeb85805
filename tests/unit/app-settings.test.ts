import { describe, expect, it } from 'vitest';
import { readSetting, SETTINGS, writeSetting } from '../../src/renderer/src/db/app-settings';
import { freshDb } from './helpers';

describe('the settings registry', () => {
  it('gives every setting its own key', () => {
    const keys = Object.values(SETTINGS).map((setting) => setting.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads what was written, and the fallback when unset or of the wrong type', async () => {
    const db = freshDb();
    expect(await readSetting(db, 'backupsKept')).toBe(14);
    await writeSetting(db, 'backupsKept', 3);
    expect(await readSetting(db, 'backupsKept')).toBe(3);
    await db.app_settings.put({ key: SETTINGS.backupsKept.key, value: 'three' });
    expect(await readSetting(db, 'backupsKept')).toBe(14);
    expect(await readSetting(db, 'defaultRegion', 'DE')).toBe('DE');
    await db.app_settings.put({ key: SETTINGS.sync.key, value: { serverUrl: 'https://s' } });
    expect(await readSetting(db, 'sync')).toEqual({ enabled: false, serverUrl: 'https://s' });
    await writeSetting(db, 'currentMemberId', null);
    expect(await readSetting(db, 'currentMemberId')).toBeNull();
  });
});
