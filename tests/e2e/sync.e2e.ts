import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, openApp, pageErrors, screenshot } from './browser';

// The sync server as a user runs it (`tsx server/src/main.ts`, PGlite in a data folder),
// with workspace and tokens made by its admin script.
const root = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'encore-sync-e2e-'));
const env: NodeJS.ProcessEnv = { ...process.env, SYNC_DATA_DIR: dataDir };
delete env.DATABASE_URL;

let browser: Browser;
let server: ChildProcess | undefined;
let serverUrl = '';
let tokens: string[] = [];
const baseUrl = inject('baseUrl');

function admin(...args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/src/admin.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  const created = admin('create-workspace', 'Night Owl Promotions', 'Ana');
  const workspaceId = /workspace (\S+)/.exec(created)?.[1] ?? '';
  const anaToken = /token\s+(\S+)/.exec(created)?.[1] ?? '';
  const benToken = /token\s+(\S+)/.exec(admin('create-token', workspaceId, 'Ben'))?.[1] ?? '';
  tokens = [anaToken, benToken];
  const port = await freePort();
  // node itself (not npx), so the process we stop is the server.
  server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolveStart, reject) => {
    server?.stdout?.on('data', (chunk: Buffer) => {
      // The server logs JSON lines; this one says it accepts connections.
      if (chunk.toString().includes('"msg":"listening"')) resolveStart();
    });
    server?.on('exit', (code) => reject(new Error(`sync server exited with ${code}`)));
  });
  serverUrl = `http://127.0.0.1:${port}`;
  browser = await launchBrowser();
  // Two admin script runs and a server start: minutes on a loaded shared machine.
}, 300_000);
afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolveExit) => server?.once('exit', resolveExit));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function connect(page: Page, token: string) {
  await page.goto(new URL('#/settings', baseUrl).toString());
  const section = page.getByRole('region', { name: 'Sync' });
  await section.getByLabel('Sync this computer with a server').check();
  await section.getByLabel('Server address').fill(serverUrl);
  await section.getByLabel('Access token').fill(token);
  // Enter in the token field saves, as a keyboard user does. (A click first waits for the
  // button to be "stable" over animation frames: once in CI, in the second window, that wait
  // ran out after 30 s; four local runs did not reproduce it.)
  await section.getByLabel('Access token').press('Enter');
  // A fresh profile first pulls what earlier tests synced: allow for a loaded machine.
  await expect
    .poll(() => page.getByRole('status', { name: /Sync status/ }).textContent(), {
      timeout: 30_000,
    })
    .toBe('Synced');
}

/** A new laptop joins with an invite code from Team access, then syncs as `name` (`role`). */
async function joinAs(page: Page, code: string, name: string, role: 'admin' | 'member') {
  const team = page.getByRole('region', { name: 'Team access' });
  const join = team.getByRole('form', { name: 'Join a workspace' });
  await join.getByLabel('Invite code').fill(code);
  await join.getByLabel('Name of this computer').fill(`${name} laptop`);
  await join.getByRole('button', { name: 'Join workspace' }).click();
  await expect
    .poll(() => page.getByRole('status', { name: /Sync status/ }).textContent(), {
      timeout: 15_000,
    })
    .toBe('Synced');
  await expect.poll(() => team.textContent()).toMatch(`you are ${name} (${role})`);
}

/** Cleo's laptop joins with an invite code from Team access, then syncs as her. */
const joinAsCleo = (cleo: Page, code: string) => joinAs(cleo, code, 'Cleo', 'member');

/** An admin's invite from Team access: the code, and what the form said with it. */
async function invite(page: Page, name: string, role: 'Admin' | 'Member') {
  const form = page
    .getByRole('region', { name: 'Team access' })
    .getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Their name').fill(name);
  await form.getByRole('radio', { name: role, exact: true }).check();
  await form.getByRole('button', { name: 'Create invite' }).click();
  const said = form.getByRole('status');
  await expect.poll(() => said.textContent()).toMatch(`Invite code for ${name}`);
  return { code: (await form.getByLabel('Invite code').textContent()) ?? '', said };
}

const SLOW_POLL = { timeout: 30_000 };

/**
 * How many live regions a screen reader would hear `text` from: the outermost elements that
 * are live (role status, alert or log, or aria-live other than off) and hold the text.
 */
async function liveRegionsSaying(page: Page, text: string): Promise<number> {
  // A string: the e2e files compile without the DOM library.
  return (await page.evaluate(`(() => {
    const live = [
      ...document.querySelectorAll('[role="status"], [role="alert"], [role="log"], [aria-live]'),
    ].filter((element) => element.getAttribute('aria-live') !== 'off');
    const outermost = live.filter((element) =>
      live.every((other) => other === element || !other.contains(element)),
    );
    return outermost.filter((element) => (element.textContent ?? '').includes(${JSON.stringify(text)})).length;
  })()`)) as number;
}

/**
 * The space between Sync's error box and a "Resolved on sync" block under it, beside the
 * design token it should be (--space-4). The block is the component's markup put after the
 * box for the measurement and taken away again: the page's own stylesheet spaces them.
 */
async function gapUnderSyncError(page: Page): Promise<{ gap: number; token: number }> {
  return (await page.evaluate(`(() => {
    const notice = document.querySelector('#sync .sync-notice[role="alert"]');
    if (!notice) throw new Error('no sync error box');
    const block = document.createElement('section');
    block.className = 'sync-set-aside';
    block.innerHTML = '<h3 class="sync-subtitle">Resolved on sync (1)</h3>';
    notice.after(block);
    const heading = block.querySelector('h3');
    const gap = heading.getBoundingClientRect().top - notice.getBoundingClientRect().bottom;
    block.remove();
    const token = parseFloat(
      getComputedStyle(document.documentElement).getPropertyValue('--space-4'),
    );
    return { gap, token };
  })()`)) as { gap: number; token: number };
}

describe('sync, as two laptops of one agency use it', () => {
  it('a customer created on one laptop appears on the other; a bad token says what to do', async () => {
    const ana = await openApp(browser, baseUrl, '#/settings');
    const ben = await openApp(browser, baseUrl, '#/settings');
    await screenshot(ana, 'sync-settings-off');
    await connect(ana, tokens[0] as string);
    await connect(ben, tokens[1] as string);
    await screenshot(ana, 'sync-settings-synced');
    // The sidebar and Settings → Sync both show "Synced"; one of them is a live region.
    expect(await ana.getByTestId('sync-settings-status').textContent()).toBe('Synced');
    expect(await liveRegionsSaying(ana, 'Synced')).toBe(1);

    await ana.goto(new URL('#/customers', baseUrl).toString());
    await ana
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = ana.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('First name').fill('Renée');
    await dialog.getByLabel('Last name').fill('Okafor');
    await dialog.getByLabel('Email 1', { exact: true }).fill('renee@okafor.example');
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await ana.getByRole('heading', { name: 'Renée Okafor' }).waitFor();
    // Synced soon after the change (debounced), without pressing anything.
    await expect
      .poll(() => ana.getByRole('status', { name: /Sync status/ }).textContent(), {
        timeout: 15_000,
      })
      .toBe('Synced');

    await ben
      .getByRole('region', { name: 'Sync' })
      .getByRole('button', { name: 'Sync now' })
      .click();
    await ben.goto(new URL('#/customers', baseUrl).toString());
    await expect
      .poll(() => ben.getByText('Renée Okafor').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(ben, 'sync-pulled-customer');

    await ben.goto(new URL('#/settings', baseUrl).toString());
    const section = ben.getByRole('region', { name: 'Sync' });
    await section.getByLabel('Access token').fill('enc_this_token_was_revoked');
    await section.getByRole('button', { name: 'Save' }).click();
    const alert = section.getByRole('alert');
    // Said where the token is pasted: the place on this page, not "Settings → Sync".
    await expect
      .poll(() => alert.textContent())
      .toMatch(/refused the sync token.*Access token field above/);
    expect(await alert.textContent()).not.toMatch(/Settings →/);
    await expect
      .poll(() => ben.getByRole('status', { name: /Sync status/ }).textContent())
      .toBe('Sync problem');
    await screenshot(ben, 'sync-settings-error');
    expect(await liveRegionsSaying(ben, 'Sync problem')).toBe(1);
    // The error box does not sit tight against the block under it.
    const { gap, token } = await gapUnderSyncError(ben);
    expect(token).toBe(16);
    expect(gap).toBeGreaterThanOrEqual(token);
    // Team access, further down, reads the team with the same token: it does not say it again,
    // it points to Sync, where the token is pasted.
    const benTeam = ben.getByRole('region', { name: 'Team access' });
    const pointer = benTeam.getByRole('note');
    await expect.poll(() => pointer.textContent()).toMatch(/Sync, above, says why/);
    expect(await ben.getByText(/refused the sync token/).count()).toBe(1);
    expect(await benTeam.getByRole('alert').count()).toBe(0);
    await benTeam.scrollIntoViewIfNeeded();
    await screenshot(ben, 'team-access-token-refused');
    await ben.setViewportSize({ width: 1024, height: 700 });
    await ben.emulateMedia({ colorScheme: 'dark' });
    await screenshot(ben, 'team-access-token-refused-1024-dark');
    await pointer.getByRole('link', { name: 'Go to the access token' }).click();
    await expect.poll(() => section.locator('#sync-token:focus').count()).toBe(1);

    expect(pageErrors(ana)).toEqual([]);
    expect(pageErrors(ben)).toEqual([]);
  });

  it('a laptop used before sync was configured sends what it holds when it connects', async () => {
    const cy = await openApp(browser, baseUrl, '#/customers');
    await cy
      .getByRole('button', { name: /New customer/ })
      .first()
      .click();
    const dialog = cy.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('First name').fill('Inès');
    await dialog.getByLabel('Last name').fill('Vorher');
    await dialog.getByLabel('Email 1', { exact: true }).fill('ines@vorher.example');
    await dialog.getByRole('button', { name: 'Create customer' }).click();
    await cy.getByRole('heading', { name: 'Inès Vorher' }).waitFor();
    // Nothing is queued while sync is off; connecting uploads what the laptop holds.
    await connect(cy, tokens[0] as string);
    const ben = await openApp(browser, baseUrl, '#/settings');
    await connect(ben, tokens[1] as string);
    await ben.goto(new URL('#/customers', baseUrl).toString());
    await expect
      .poll(() => ben.getByText('Inès Vorher').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await screenshot(ben, 'sync-initial-upload');
  });

  it('a change the server refuses is set aside with its customer and reason; fixed and retried, it arrives', async () => {
    const ana = await openApp(browser, baseUrl, '#/settings');
    const ben = await openApp(browser, baseUrl, '#/settings');
    const section = ana.getByRole('region', { name: 'Sync' });
    // Plain http to the internet is refused in the form, in words.
    await section.getByLabel('Server address').fill('http://sync.example.com');
    await section.getByLabel('Access token').focus();
    await expect
      .poll(() => section.getByRole('alert').first().textContent())
      .toMatch(/use https:\/\//);
    await connect(ana, tokens[0] as string);
    await connect(ben, tokens[1] as string);
    await ana.goto(new URL('?dev#/settings', baseUrl).toString());
    await ana.waitForFunction(() => 'encoreDev' in globalThis);

    // A customer whose name holds a NUL, queued as an app without the write guard did.
    const id = await ana.evaluate(async () => {
      const { libs } = (globalThis as unknown as { encoreDev: { libs: { Dexie: DexieCtor } } })
        .encoreDev;
      type DexieCtor = new (name: string) => {
        open(): Promise<unknown>;
        table(name: string): {
          put(row: unknown): Promise<unknown>;
          add(row: unknown): Promise<unknown>;
        };
        close(): void;
      };
      const raw = new libs.Dexie('encore-crm');
      await raw.open();
      const now = new Date().toISOString();
      const consent = { opted_in: false, source: null, changed_at: null };
      const row = {
        id: `zoe-${Date.now()}`,
        first_name: 'Zoe\u0000',
        last_name: 'Nullmann',
        date_of_birth: null,
        notes: '',
        tags: [],
        lifecycle: 'lead',
        owner_id: null,
        email_consent: consent,
        sms_consent: consent,
        created_at: now,
        updated_at: now,
        deleted: 0,
      };
      await raw.table('customer_profiles').put(row);
      await raw.table('sync_outbox').add({
        table: 'customer_profiles',
        row_id: row.id,
        op: 'put',
        value: row,
        changed_fields: null,
        tx_id: 'old-app',
        captured_at: now,
        hlc: `${String(Date.now()).padStart(15, '0')}-000000-oldapp`,
      });
      raw.close();
      return row.id;
    });
    await section.getByRole('button', { name: 'Sync now' }).click();
    const setAside = section.getByRole('list', { name: 'Changes set aside' });
    await setAside.waitFor();
    await expect.poll(() => setAside.textContent()).toMatch(/control character \(U\+0000\)/);
    // Once, in CI under load, the status still read "Sync problem · 1 set aside" after the
    // poll's default second (a failed sync retried after its back-off); it must settle.
    await expect
      .poll(() => ana.getByRole('status', { name: /Sync status/ }).textContent(), {
        timeout: 15_000,
      })
      .toBe('1 set aside');
    await setAside.scrollIntoViewIfNeeded();
    await screenshot(ana, 'sync-set-aside');

    // Retry before the fix says why it is still refused; the fix is one click away.
    await setAside.getByRole('button', { name: /^Retry: / }).click();
    await expect.poll(() => ana.getByText(/Still refused/).count()).toBeGreaterThan(0);
    await setAside.getByRole('link', { name: /Nullmann/ }).click();
    await ana.getByRole('button', { name: /^First name: .* Edit$/ }).click();
    await ana.getByLabel('First name').fill('Zoe');
    await ana.getByLabel('First name').press('Enter');
    await ana.getByRole('heading', { name: 'Zoe Nullmann' }).waitFor();
    await ana.goto(new URL('?dev#/settings', baseUrl).toString());
    await ana
      .getByRole('list', { name: 'Changes set aside' })
      .getByRole('button', { name: /^Retry: / })
      .click();
    await expect
      .poll(() => ana.getByRole('list', { name: 'Changes set aside' }).count(), { timeout: 15_000 })
      .toBe(0);
    await expect
      .poll(() => ana.getByRole('status', { name: /Sync status/ }).textContent(), {
        timeout: 15_000,
      })
      .toBe('Synced');

    await ben
      .getByRole('region', { name: 'Sync' })
      .getByRole('button', { name: 'Sync now' })
      .click();
    await ben.goto(new URL(`#/customers/${id}`, baseUrl).toString());
    await ben.getByRole('heading', { name: 'Zoe Nullmann' }).waitFor();
    expect(pageErrors(ana)).toEqual([]);
    expect(pageErrors(ben)).toEqual([]);
  });

  it('an admin invites a new laptop, it joins with the code, the admin revokes it, it says so', async () => {
    const ana = await openApp(browser, baseUrl, '#/settings');
    await connect(ana, tokens[0] as string);
    // Connected, Team access shows the workspace at once (it offered "Join a workspace" to
    // the admin who had just pasted a token, until a reload).
    const anaTeam = ana.getByRole('region', { name: 'Team access' });
    await expect.poll(() => anaTeam.textContent()).toMatch(/you are Ana \(admin\)/);
    await anaTeam.getByLabel('Their name').fill('Cleo');
    await anaTeam.getByRole('button', { name: 'Create invite' }).click();
    const code = (await anaTeam.getByLabel('Invite code').textContent()) ?? '';
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await screenshot(ana, 'team-invite');

    const cleo = await openApp(browser, baseUrl, '#/settings');
    const cleoTeam = cleo.getByRole('region', { name: 'Team access' });
    const join = cleoTeam.getByRole('form', { name: 'Join a workspace' });
    await join.getByLabel('Server address').fill(serverUrl);
    await joinAsCleo(cleo, code);

    // The admin's list shows the new laptop without a reload (read again while on screen).
    const devices = ana.getByRole('list', { name: 'Devices' });
    await expect.poll(() => devices.textContent(), { timeout: 30_000 }).toMatch(/Cleo laptop/);
    // Ana's own computer was set up with the admin script's token: named by her, and said so.
    expect(await devices.textContent()).toMatch(/Ana · this computer\s*Set up with a token/);
    await screenshot(ana, 'team-devices');
    await devices.getByRole('button', { name: 'Revoke Cleo laptop (Cleo)' }).click();
    const confirm = ana.getByRole('dialog', { name: /Revoke Cleo laptop/ });
    await confirm.getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => devices.textContent()).toMatch(/revoked/);

    await cleo
      .getByRole('region', { name: 'Sync' })
      .getByRole('button', { name: 'Sync now' })
      .click();
    await expect
      .poll(() => cleo.getByRole('region', { name: 'Sync' }).getByRole('alert').textContent())
      .toMatch(/workspace admin removed this computer/);
    await screenshot(cleo, 'team-revoked');
    // The message sends her to Team access: there, at once, the way back in (not "you are
    // Cleo (member)" until a reload), said once, and no call with the revoked token.
    await expect.poll(() => join.count()).toBe(1);
    expect(await cleoTeam.textContent()).not.toMatch(/you are Cleo/);
    expect(await cleoTeam.getByRole('alert').count()).toBe(0);
    const calls: string[] = [];
    cleo.on('request', (request) => {
      if (request.url().startsWith(serverUrl)) calls.push(request.url());
    });
    await cleo.reload();
    await join.waitFor();
    expect(calls).toEqual([]);
    // A new invite lets her back in from there.
    await ana.reload();
    await anaTeam.getByLabel('Their name').fill('Cleo');
    await anaTeam.getByRole('button', { name: 'Create invite' }).click();
    const again = (await anaTeam.getByLabel('Invite code').textContent()) ?? '';
    expect(again).not.toBe(code);
    await joinAsCleo(cleo, again);
    expect(pageErrors(ana)).toEqual([]);
    expect(pageErrors(cleo)).toEqual([]);
  });

  it('an admin invites another admin, who then invites and sees devices; a member they invite cannot', async () => {
    const ana = await openApp(browser, baseUrl, '#/settings');
    await connect(ana, tokens[0] as string);
    const anaTeam = ana.getByRole('region', { name: 'Team access' });
    await expect.poll(() => anaTeam.textContent()).toMatch(/you are Ana \(admin\)/);
    // An invite is for a member unless the admin says otherwise.
    const form = anaTeam.getByRole('form', { name: 'Invite someone' });
    expect(await form.getByRole('radio', { name: 'Member', exact: true }).isChecked()).toBe(true);
    const forDana = await invite(ana, 'Dana', 'Admin');
    expect(await forDana.said.textContent()).toMatch(/Invite code for Dana \(admin\)/);
    await screenshot(ana, 'team-invite-admin');
    await ana.setViewportSize({ width: 1024, height: 700 });
    await ana.emulateMedia({ colorScheme: 'dark' });
    await form.scrollIntoViewIfNeeded();
    await screenshot(ana, 'team-invite-admin-1024-dark');
    // The form is back to a member for the next invite.
    expect(await form.getByRole('radio', { name: 'Member', exact: true }).isChecked()).toBe(true);

    // Dana joins as an admin (the server's word, read back from it): she invites and manages.
    const dana = await openApp(browser, baseUrl, '#/settings');
    const danaTeam = dana.getByRole('region', { name: 'Team access' });
    await danaTeam
      .getByRole('form', { name: 'Join a workspace' })
      .getByLabel('Server address')
      .fill(serverUrl);
    await joinAs(dana, forDana.code, 'Dana', 'admin');
    await expect
      .poll(() => danaTeam.getByRole('list', { name: 'Devices' }).textContent(), SLOW_POLL)
      .toMatch(/Dana laptop/);
    const forEve = await invite(dana, 'Eve', 'Member');
    expect(await forEve.said.textContent()).toMatch(/Invite code for Eve \(member\)/);

    // Eve, a member, is told only an admin invites, and has no invite form.
    const eve = await openApp(browser, baseUrl, '#/settings');
    const eveTeam = eve.getByRole('region', { name: 'Team access' });
    await eveTeam
      .getByRole('form', { name: 'Join a workspace' })
      .getByLabel('Server address')
      .fill(serverUrl);
    await joinAs(eve, forEve.code, 'Eve', 'member');
    await eveTeam
      .getByText('Only a workspace admin can invite people and manage devices.')
      .waitFor();
    expect(await eveTeam.getByRole('form', { name: 'Invite someone' }).count()).toBe(0);
    for (const page of [ana, dana, eve]) expect(pageErrors(page)).toEqual([]);
  });
});
