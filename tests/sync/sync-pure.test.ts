import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock, formatHlc, parseHlc } from '../../src/shared/sync/hlc';
import { mergeChange } from '../../server/src/sync-store';
import { backoffDelay } from '../../src/renderer/src/sync/backoff';
import { entryFields, mergeRemoteRow, pendingFieldClocks } from '../../src/renderer/src/sync/merge';
import type { OutboxEntry } from '../../src/renderer/src/domain/records';

const hlcArb = fc
  .record({
    ms: fc.integer({ min: 0, max: 10 ** 13 }),
    counter: fc.integer({ min: 0, max: 999_999 }),
    node: fc.stringMatching(/^[a-z0-9]{1,8}$/),
  })
  .map(formatHlc);

describe('hybrid logical clock', () => {
  it('round-trips and orders like its fields (ms, counter, node)', () => {
    fc.assert(
      fc.property(hlcArb, hlcArb, (a, b) => {
        const pa = parseHlc(a)!;
        const pb = parseHlc(b)!;
        expect(formatHlc(pa)).toBe(a);
        const byFields =
          pa.ms - pb.ms ||
          pa.counter - pb.counter ||
          (pa.node < pb.node ? -1 : pa.node > pb.node ? 1 : 0);
        expect(Math.sign(a < b ? -1 : a > b ? 1 : 0)).toBe(Math.sign(byFields));
      }),
    );
  });

  it('ticks strictly increase, even when the wall clock goes backwards, and pass every observed clock', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 10 ** 12 }).map((t) => ({ wall: t })),
            hlcArb.map((seen) => ({ seen })),
          ),
          { maxLength: 60 },
        ),
        (events) => {
          let wall = 0;
          const clock = new HybridClock('me', () => wall);
          let last = '';
          for (const event of events) {
            if ('wall' in event) {
              wall = event.wall;
              const next = clock.tick();
              expect(next > last).toBe(true);
              last = next;
            } else {
              clock.observe(event.seen);
              const next = clock.tick();
              const mine = parseHlc(next)!;
              const seen = parseHlc(event.seen)!;
              expect(
                mine.ms > seen.ms || (mine.ms === seen.ms && mine.counter > seen.counter),
              ).toBe(true);
              expect(next > last).toBe(true);
              last = next;
            }
          }
        },
      ),
    );
  });
});

describe('hybrid logical clock: causality within one millisecond', () => {
  it('a clock that observed another ticks after it, with both wall clocks on the same millisecond', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 13 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.stringMatching(/^[a-z0-9]{1,6}$/),
        fc.stringMatching(/^[a-z0-9]{1,6}$/),
        (instant, seenTicks, ownTicks, seenNode, ownNode) => {
          // Both wall clocks stand on one millisecond: only the counter can order them.
          const seenClock = new HybridClock(seenNode, () => instant);
          const ownClock = new HybridClock(ownNode, () => instant);
          let seen = '';
          for (let i = 0; i < seenTicks; i += 1) seen = seenClock.tick();
          for (let i = 0; i < ownTicks; i += 1) ownClock.tick();
          ownClock.observe(seen);
          const after = ownClock.tick();
          expect(parseHlc(after)?.ms).toBe(instant);
          expect(parseHlc(seen)?.ms).toBe(instant);
          expect(after > seen).toBe(true);
        },
      ),
    );
  });
});

describe('field-level last-writer-wins on the server', () => {
  const changeArb = fc.record({
    field: fc.constantFrom('a', 'b', 'deleted'),
    value: fc.integer({ min: 0, max: 5 }),
    hlc: hlcArb,
  });
  it('converges whatever the order and however often changes arrive', () => {
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 12 }),
        fc.array(fc.nat()),
        (changes, shuffleSeed) => {
          const apply = (list: typeof changes) => {
            const row = {
              id: 'r',
              data: {} as Record<string, unknown>,
              clocks: {} as Record<string, string>,
            };
            for (const c of list)
              mergeChange(row, {
                table: 't',
                row_id: 'r',
                op: 'put',
                fields: { [c.field]: c.value },
                hlc: c.hlc,
              });
            return row;
          };
          const shuffled = [...changes, ...changes.slice(0, 3)]; // with duplicates
          shuffled.sort(
            (x, y) =>
              (shuffleSeed[changes.indexOf(x)] ?? 0) - (shuffleSeed[changes.indexOf(y)] ?? 0),
          );
          // Distinct clocks per field decide uniquely; equal clocks mean the same change.
          const unique = new Map(changes.map((c) => [`${c.field}:${c.hlc}`, c]));
          const expected: Record<string, unknown> = {};
          for (const c of [...unique.values()].sort((x, y) => (x.hlc < y.hlc ? -1 : 1)))
            expected[c.field] = c.value;
          const inOrder = apply([...unique.values()]);
          expect(inOrder.data).toEqual(expected);
          expect(
            apply(shuffled.filter((c) => unique.get(`${c.field}:${c.hlc}`) === c)).data,
          ).toEqual(expected);
        },
      ),
    );
  });
});

describe('client merge of a pulled row', () => {
  const entry = (
    fields: string[] | null,
    hlc: string,
    value: Record<string, unknown>,
    op: 'put' | 'delete' = 'put',
  ): OutboxEntry => ({
    table: 'team_members',
    row_id: 'r',
    op,
    value,
    changed_fields: fields,
    tx_id: 't',
    captured_at: '',
    hlc,
  });
  const remote = (data: Record<string, unknown>, clocks: Record<string, string>) => ({
    table: 'team_members',
    row_id: 'r',
    data,
    clocks,
    version: 1,
  });
  const t = (ms: number) => formatHlc({ ms, counter: 0, node: 'x' });

  it('keeps a pending local field newer than the remote one, takes the rest', () => {
    const pending = pendingFieldClocks([
      entry(['name'], t(5), { id: 'r', name: 'Mine', email: 'e' }),
    ]);
    const merged = mergeRemoteRow(
      remote({ name: 'Theirs', email: 'new@x' }, { name: t(3), email: t(4) }),
      { id: 'r', name: 'Mine', email: 'e' },
      pending,
    );
    expect(merged).toEqual({ id: 'r', name: 'Mine', email: 'new@x' });
  });

  it('a newer remote value replaces a pending local one; equal rows are not rewritten', () => {
    const pending = pendingFieldClocks([entry(['name'], t(5), { id: 'r', name: 'Mine' })]);
    expect(
      mergeRemoteRow(
        remote({ name: 'Theirs' }, { name: t(6) }),
        { id: 'r', name: 'Mine' },
        pending,
      ),
    ).toEqual({ id: 'r', name: 'Theirs' });
    expect(
      mergeRemoteRow(
        remote({ name: 'Same' }, { name: t(6) }),
        { id: 'r', name: 'Same' },
        new Map(),
      ),
    ).toBeNull();
  });

  it('a pending hard delete newer than the remote row keeps it deleted', () => {
    const pending = pendingFieldClocks([entry(null, t(9), {}, 'delete')]);
    expect(
      mergeRemoteRow(
        remote({ name: 'N', deleted: 0 }, { name: t(1), deleted: t(1) }),
        undefined,
        pending,
      ),
    ).toEqual({ id: 'r', name: 'N', deleted: 1 });
  });

  it('sends nested update paths as their top-level field', () => {
    const e = entry(['email_consent.opted_in'], t(1), {
      id: 'r',
      email_consent: { opted_in: true },
    });
    expect(entryFields(e)).toEqual({ email_consent: { opted_in: true } });
    expect([...pendingFieldClocks([e]).keys()]).toEqual(['email_consent']);
  });
});

describe('retry backoff', () => {
  it('grows exponentially up to the cap, with jitter in the upper half', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, r) => {
          const ceiling = Math.min(300_000, 2000 * 2 ** (attempt - 1));
          const delay = backoffDelay(attempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });
});
