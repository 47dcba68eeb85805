/**
 * The load and fault test, short form (~30 s of load): 20 laptops, two server processes on
 * one PostgreSQL, one of them SIGKILLed and restarted, connections dropped, answers delayed.
 * Runs only with DATABASE_URL (the sync suite on PostgreSQL, as CI runs it). The 5-minute
 * form is `npm run bench:sync-load`.
 */
import { describe, expect, it } from 'vitest';
import { runLoadScenario } from './scenario';

const databaseUrl = process.env.DATABASE_URL;
const seconds = Number(process.env.SYNC_LOAD_SECONDS ?? 30);

describe.skipIf(!databaseUrl)(
  'load and faults: 20 laptops, two server processes, one killed',
  () => {
    it(
      'every acknowledged change is on the server once, every laptop equals the server, memory stays flat',
      async () => {
        const { figures, problems } = await runLoadScenario({
          databaseUrl: databaseUrl as string,
          durationMs: seconds * 1000,
          clients: 20,
        });
        console.log(`sync load (${seconds} s): ${JSON.stringify(figures)}`);
        expect(problems).toEqual([]);
        expect(figures.writes).toBeGreaterThan(0);
        expect(figures.kills).toBeGreaterThan(0);
        expect(figures.killsSurvived).toBe(figures.kills);
        expect(figures.drops).toBeGreaterThan(0);
      },
      (seconds + 240) * 1000,
    );
  },
);
