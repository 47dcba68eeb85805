import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../src/shared/sync/hlc';
import { arrivedFix } from '../../src/renderer/src/sync/arrived-fixes';
import { clockAfter } from '../../src/renderer/src/sync/conflict-rules';

const person = formatHlc({ ms: 1_700_000_000_000, counter: 0, node: 'a1b2c3d4' });
const fix = clockAfter([person], 'abc1234') as string;
const email = { id: 'e1', customer_id: 'c1', address_normalized: 'same@example.com' };

describe("another laptop's fix, as a pull brings it", () => {
  it('is recognised when it tombstones an address live here', () => {
    const found = arrivedFix(
      'customer_emails',
      { clocks: { deleted: fix } },
      { ...email, deleted: 0 },
      { ...email, deleted: 1 },
    );
    expect(found).toMatchObject({ rule: 'later-email-claim', hlc: fix });
  });

  it('and when it makes an owner here a collaborator', () => {
    const row = { id: 'a1', task_id: 't1', member_id: 'm1', deleted: 0 };
    const found = arrivedFix(
      'crm_task_assignments',
      { clocks: { assignment_type: fix } },
      { ...row, assignment_type: 'owner' },
      { ...row, assignment_type: 'collaborator' },
    );
    expect(found).toMatchObject({ rule: 'later-owner-wins', hlc: fix });
  });

  it('is not news on a first sync, on a laptop that made it, or when a person deleted the row', () => {
    const tombstone = { ...email, deleted: 1 };
    expect(arrivedFix('customer_emails', { clocks: { deleted: fix } }, undefined, tombstone)).toBe(
      null,
    );
    expect(arrivedFix('customer_emails', { clocks: { deleted: fix } }, tombstone, tombstone)).toBe(
      null,
    );
    expect(
      arrivedFix(
        'customer_emails',
        { clocks: { deleted: person } },
        { ...email, deleted: 0 },
        tombstone,
      ),
    ).toBe(null);
    // A change kept here (pending, later) leaves the row live: nothing was taken.
    expect(
      arrivedFix(
        'customer_emails',
        { clocks: { deleted: fix } },
        { ...email, deleted: 0 },
        {
          ...email,
          deleted: 0,
        },
      ),
    ).toBe(null);
  });
});
