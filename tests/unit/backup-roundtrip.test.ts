import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineKind } from '../../src/renderer/src/domain/backup/backup-format';
import type { OutboxEntry, SyncStateEntry } from '../../src/renderer/src/domain/records';
import { pieces, writeBackup } from '../../src/renderer/src/services/crm/backup/backup-writer';
import { TABLE_DECISIONS } from '../../src/renderer/src/services/crm/backup/table-decisions';
import { scenarioArbitrary, writeScenario } from './backup-arbitraries';
import { backupBytes, memorySink, restoreBytes, snapshot } from './backup-helpers';
import { freshDb } from './helpers';
import { BULK_DATABASE_BUDGET_MS } from './budgets';

/** What a restore changes on purpose (restore-sync.ts): a new client id, push numbers again. */
function expectedAfterRestore(before: Record<string, unknown[]>): Record<string, unknown[]> {
  const syncState = (before['sync_state'] as SyncStateEntry[])
    .filter((entry) => entry.key !== 'next_push_seq')
    .map((entry) =>
      entry.key === 'client_id' ? { key: 'client_id', value: 'client-after-restore' } : entry,
    );
  const outbox = (before['sync_outbox'] as OutboxEntry[]).map(
    ({ push_seq: _n, ...entry }) => entry,
  );
  return {
    ...before,
    sync_state: syncState,
    sync_outbox: outbox,
    // Transient: never backed up, and cleared by a restore.
    import_staging: [],
  };
}

describe('pieces handed to the sink', () => {
  it('join back to the text and never split a surrogate pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 9 }),
        (text, size) => {
          const parts = pieces(text, size);
          expect(parts.join('')).toBe(text);
          for (const part of parts) {
            expect(part.length).toBeLessThanOrEqual(Math.max(size, 2));
            // Each piece is valid UTF-16 on its own, so it encodes to UTF-8 unchanged.
            expect(new TextDecoder().decode(new TextEncoder().encode(part))).toBe(part);
          }
        },
      ),
    );
  });
});

describe('backup then restore', { timeout: BULK_DATABASE_BUDGET_MS }, () => {
  it('gives back every table exactly, list rows included, for any generated data', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArbitrary,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 50, max: 3000 }),
        async (scenario, chunkRows, flushChars, maxLineChars) => {
          const source = freshDb();
          await writeScenario(source, scenario);
          const before = await snapshot(source);
          const bytes = await backupBytes(source, { chunkRows, flushChars, maxLineChars });

          const target = freshDb();
          await target.open();
          await restoreBytes(target, bytes);
          const after = await snapshot(target);
          expect(after).toEqual(expectedAfterRestore(before));
          // Nothing restored was queued as a new change for the team.
          expect(after['sync_outbox']).toHaveLength(before['sync_outbox']?.length ?? 0);
          source.close();
          target.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('replaces what the target held: nothing of it survives', async () => {
    const source = freshDb();
    const [scenario] = fc.sample(scenarioArbitrary, { numRuns: 1, seed: 7 });
    if (!scenario) throw new Error('no sample');
    await writeScenario(source, scenario);
    const target = freshDb();
    const [other] = fc.sample(scenarioArbitrary, { numRuns: 1, seed: 11 });
    if (!other) throw new Error('no sample');
    await writeScenario(target, other);
    await target.import_staging.put({ session: 's', row: 0, candidates: [] } as never);
    const lastBackup = {
      key: 'last_backup',
      value: { at: 'now', location: 'here', reason: 'daily' },
    };
    await target.app_settings.put(lastBackup);
    await source.app_settings.put({ key: 'last_backup', value: { at: 'then', location: 'there' } });

    await restoreBytes(target, await backupBytes(source), { deviceSyncState: [] });
    const expected = expectedAfterRestore(await snapshot(source));
    // When this computer last backed up is a fact about this computer, not the data.
    expected['app_settings'] = (expected['app_settings'] as { key: string }[]).map((setting) =>
      setting.key === 'last_backup' ? lastBackup : setting,
    );
    expect(await snapshot(target)).toEqual(expected);
  });

  it('keeps lines and IPC pieces short: big chunks split into lines of fewer rows', async () => {
    const db = freshDb();
    const [scenario] = fc.sample(scenarioArbitrary, { numRuns: 1, seed: 21 });
    if (!scenario) throw new Error('no sample');
    await writeScenario(db, scenario);
    const sink = memorySink();
    await writeBackup(db, sink, {
      appVersion: 't',
      reason: 'manual',
      flushChars: 300,
      maxLineChars: 400,
    });
    for (const piece of sink.parts) expect(piece.length).toBeLessThanOrEqual(600);
    const lines = sink.parts.join('').trimEnd().split('\n');
    const chunks = lines.slice(1, -1).map((line) => ({ line, rows: JSON.parse(line).rows.length }));
    expect(chunks.length).toBeGreaterThan(5);
    for (const { line, rows } of chunks) if (rows > 1) expect(line.length).toBeLessThanOrEqual(401);
  });

  it('writes every table the decisions include, in their order, and none they exclude', async () => {
    const db = freshDb();
    const bytes = await backupBytes(db);
    const header = JSON.parse(new TextDecoder().decode(bytes).split('\n')[0] ?? '') as {
      tables: string[];
    };
    expect(lineKind(header)).toBe('header');
    const included = Object.entries(TABLE_DECISIONS)
      .filter(([, decision]) => decision.backup === 'include')
      .map(([name]) => name);
    expect(header.tables).toEqual(included);
  });
});
