/**
 * A push's rows reach SQL as jsonb in the binary format (server/src/db.ts, jsonbParam): bytes
 * the driver copies as they are, on PGlite and on PostgreSQL (DATABASE_URL). What goes in
 * comes out, whatever its characters; a string or an object is still read as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonbParam } from '../../server/src/db';
import type { TestServer } from './harness';
import { startTestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('jsonb parameters as bytes', () => {
  it('reads back what was sent: accents, emoji, quotes, escapes, control characters', async () => {
    const value = {
      name: 'Zoë Ångström 😀 "quoted" \\ back\\slash',
      tab: 'a\tb\nc',
      nested: { list: [1, 2.5, null, true], empty: {} },
    };
    const [row] = await server.db.query<{ v: unknown; n: string }>(
      `SELECT $1::jsonb AS v, ($1::jsonb)->>'name' AS n`,
      [jsonbParam(JSON.stringify(value))],
    );
    expect(row?.v).toEqual(value);
    expect(row?.n).toBe(value.name);
  });

  it('a string or an object given for a jsonb parameter is read as before', async () => {
    const [row] = await server.db.query<{ a: unknown; b: unknown }>(
      'SELECT $1::jsonb AS a, $2::jsonb AS b',
      ['{"x":"é"}', { y: [1, 'ü'] }],
    );
    expect(row?.a).toEqual({ x: 'é' });
    expect(row?.b).toEqual({ y: [1, 'ü'] });
  });
});
