import { describe, expect, it } from 'vitest';
import { readSetting } from '../../src/renderer/src/db/app-settings';
import {
  currencyChoices,
  regionChoices,
} from '../../src/renderer/src/domain/settings/display-names';
import {
  currencyForRegion,
  regionFromSystem,
} from '../../src/renderer/src/domain/settings/system-defaults';
import { createSettingsService } from '../../src/renderer/src/services/crm/settings/settings-service';
import { createTeamService } from '../../src/renderer/src/services/crm/team/team-service';
import { freshDb } from './helpers';

describe('first-run defaults from the system', () => {
  it('takes the locale region, then the time zone, then the language', () => {
    expect(regionFromSystem('de-AT', 'Europe/Berlin')).toBe('AT');
    expect(regionFromSystem('de', 'Europe/Vienna')).toBe('AT');
    expect(regionFromSystem('de', 'UTC')).toBe('DE');
    expect(regionFromSystem('zh-Hant-TW', undefined)).toBe('TW');
    expect(regionFromSystem(undefined, undefined)).toBe('US');
  });

  it('reports in the euro in the euro area, in its own currency elsewhere', () => {
    expect(currencyForRegion('DE')).toBe('EUR');
    expect(currencyForRegion('GB')).toBe('GBP');
    expect(currencyForRegion('CH')).toBe('CHF');
    expect(currencyForRegion('ZZ')).toBe('USD');
  });

  it('names regions and currencies in words', () => {
    const germany = regionChoices('en').find((choice) => choice.code === 'DE');
    expect(germany?.label).toBe('Germany (+49)');
    expect(currencyChoices(['EUR', 'USD', 'EUR'], 'en')).toEqual([
      { code: 'EUR', label: 'Euro (EUR)' },
      { code: 'USD', label: 'US Dollar (USD)' },
    ]);
  });
});

describe('completing the first run', () => {
  it('makes you a team member and stores the region and currency', async () => {
    const db = freshDb();
    const settings = createSettingsService(db);
    const result = await settings.completeFirstRun({
      name: ' Alex Promoter ',
      region: 'DE',
      currency: 'EUR',
    });
    expect(result.ok).toBe(true);
    const members = await db.team_members.toArray();
    expect(members.map((m) => m.name)).toEqual(['Alex Promoter']);
    expect(await readSetting(db, 'currentMemberId')).toBe(members[0]?.id);
    expect(await readSetting(db, 'defaultRegion')).toBe('DE');
    expect(await readSetting(db, 'reportingCurrency')).toBe('EUR');
    expect(await readSetting(db, 'firstRunDone')).toBe(true);
  });

  it('picks an existing member with that name rather than adding a second', async () => {
    const db = freshDb();
    const added = await createTeamService(db).add('Alex Promoter');
    const result = await createSettingsService(db).completeFirstRun({
      name: 'alex promoter',
      region: 'US',
      currency: 'USD',
    });
    expect(result).toEqual(added);
    expect(await db.team_members.count()).toBe(1);
  });

  it('refuses an empty name and an unknown region, and stores nothing', async () => {
    const db = freshDb();
    const settings = createSettingsService(db);
    const noName = await settings.completeFirstRun({ name: ' ', region: 'DE', currency: 'EUR' });
    expect(noName).toEqual({ ok: false, error: expect.stringContaining('Type your name') });
    const badRegion = await settings.completeFirstRun({
      name: 'Alex',
      region: 'XX',
      currency: 'EUR',
    });
    expect(badRegion.ok).toBe(false);
    expect(await db.team_members.count()).toBe(0);
    expect(await readSetting(db, 'firstRunDone')).toBe(false);
  });
});
