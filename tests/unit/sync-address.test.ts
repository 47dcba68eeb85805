import { describe, expect, it } from 'vitest';
import { checkSyncAddress } from '../../src/renderer/src/sync/sync-address';

describe('which sync addresses get a token and customer data', () => {
  it.each([
    'https://sync.agency.com',
    'https://203.0.113.7:8443/',
    'http://localhost:8787',
    'http://sync.localhost',
    'http://127.0.0.1:8787',
    'http://127.8.9.10',
    'http://[::1]:8787',
    'http://10.1.2.3',
    'http://172.16.0.1',
    'http://172.31.255.254',
    'http://192.168.1.20:8787',
    'http://169.254.10.1',
    'http://[fd12:3456::1]',
    'http://[fe80::1]',
    'http://nas.local',
    '  https://padded.example.com  ',
  ])('allows %s', (address) => {
    expect(checkSyncAddress(address)).toEqual({ ok: true, url: address.trim() });
  });

  it.each([
    ['http://sync.agency.com', /use https:\/\//],
    ['http://203.0.113.7', /use https:\/\//],
    ['http://172.15.0.1', /use https:\/\//],
    ['http://172.32.0.1', /use https:\/\//],
    ['http://192.169.0.1', /use https:\/\//],
    ['http://11.0.0.1', /use https:\/\//],
    ['http://[2001:db8::1]', /use https:\/\//],
    ['http://localhost.evil.com', /use https:\/\//],
    ['http://local', /use https:\/\//],
    ['ftp://sync.agency.com', /starts with https/],
    ['sync.agency.com', /not a web address/],
    ['https://ana:secret@sync.agency.com', /name or password/],
  ])('refuses %s', (address, reason) => {
    const verdict = checkSyncAddress(address);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(reason);
  });
});
