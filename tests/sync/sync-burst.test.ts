/**
 * A pull of several pages is a sync burst (sync/sync-burst.ts): announced at each page, on the
 * database's channel (the search worker, other windows) and to this window (the duplicates
 * refresh), and ended when the pull ends, even by an error. A one-page pull holds nothing.
 */
import { describe, expect, it } from 'vitest';
import { pullAll } from '../../src/renderer/src/sync/engine';
import { followSyncBursts, syncBurstActive } from '../../src/renderer/src/sync/sync-burst';
import { freshDb } from '../unit/helpers';
import { customerRows, pagesTransport } from './pulled-pages';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sync bursts', () => {
  it('a pull of several pages announces a burst at each page and its end', async () => {
    const db = freshDb();
    await db.open();
    const heard: boolean[] = [];
    const stop = followSyncBursts(db.name, (active) => heard.push(active));
    const inner = pagesTransport(customerRows(1000)); // 3,000 rows: 3 pages of 1,000
    const activeAtRequest: boolean[] = [];
    try {
      await pullAll(
        db,
        async (request) => {
          activeAtRequest.push(syncBurstActive(db.name));
          return inner(request);
        },
        { pageSize: 1000 },
      );
      await sleep(50); // the last message crosses the channel
      // Page 1 is fetched before anything is known; pages 2 and 3 while page 1 is written.
      expect(activeAtRequest).toEqual([false, false, true]);
      expect(heard).toEqual([true, true, true, false]);
      expect(syncBurstActive(db.name)).toBe(false);
    } finally {
      stop();
    }
  });

  it('a one-page pull announces nothing', async () => {
    const db = freshDb();
    await db.open();
    const heard: boolean[] = [];
    const stop = followSyncBursts(db.name, (active) => heard.push(active));
    try {
      await pullAll(db, pagesTransport(customerRows(10)), {});
      await sleep(50);
      expect(heard).toEqual([]);
    } finally {
      stop();
    }
  });

  it('a pull that fails mid-burst ends the burst', async () => {
    const db = freshDb();
    await db.open();
    const heard: boolean[] = [];
    const stop = followSyncBursts(db.name, (active) => heard.push(active));
    const inner = pagesTransport(customerRows(1000));
    let requests = 0;
    try {
      await expect(
        pullAll(
          db,
          async (request) => {
            requests += 1;
            if (requests === 3) throw new Error('connection dropped');
            return inner(request);
          },
          { pageSize: 1000 },
        ),
      ).rejects.toThrow('connection dropped');
      await sleep(50);
      expect(heard.at(-1)).toBe(false);
      expect(heard.slice(0, -1).every(Boolean)).toBe(true);
      expect(syncBurstActive(db.name)).toBe(false);
    } finally {
      stop();
    }
  });
});
