// The merge screen's counts of what moves: moved rows per kind, repeats kept once, and a
// primary flag changed on the survivor's own row is not a move.
import { describe, expect, it } from 'vitest';
import { planMerge } from '../../src/renderer/src/domain/duplicates/merge-plan';
import { mergeCounts } from '../../src/renderer/src/domain/duplicates/merge-summary';
import type { CustomerBundle } from '../../src/renderer/src/domain/duplicates/merge-types';
import { email, participant, phone, profile, task, touchpoint } from './duplicates-records';

const bundle = (id: string, rows: Partial<CustomerBundle> = {}): CustomerBundle => ({
  profile: profile(id, { first_name: 'Ana', last_name: 'Andersson' }),
  emails: [],
  phones: [],
  touchpoints: [],
  tasks: [],
  assignments: [],
  participants: [],
  relationships: [],
  ...rows,
});

describe('mergeCounts', () => {
  it('counts what moves to the survivor and what is kept once', () => {
    const survivor = bundle('a', {
      emails: [email('ea', 'a', 'ana@agency.se', { is_primary: 1 })],
      phones: [phone('pa', 'a', '+46701234567', { is_primary: 1 })],
      participants: [participant('da', 'a', 'd1', 'artist')],
    });
    const other = bundle('b', {
      emails: [email('eb', 'b', 'ana@gmail.com', { is_primary: 1 })],
      phones: [phone('pb', 'b', '+46701234567', { is_primary: 1 })],
      touchpoints: [touchpoint('t1', 'b'), touchpoint('t2', 'b')],
      tasks: [task('k1', 'b')],
      participants: [participant('db', 'b', 'd1', 'artist'), participant('dc', 'b', 'd2', 'agent')],
    });
    const result = planMerge(
      { survivor, others: [other] },
      { primaryEmailId: 'eb' },
      '2026-12-06T10:00:00.000Z',
    );
    if (!result.ok) throw new Error(result.problem.message);
    expect(mergeCounts(result.plan)).toEqual({
      touchpoints: 2,
      tasks: 1,
      dealRoles: 1,
      relationships: 0,
      emails: 1,
      phones: 0,
      dropped: 2,
    });
  });
});
