import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerRelationship } from '../../src/renderer/src/domain/records';
import {
  canonicalLink,
  groupNetwork,
  linkKey,
  linkProblem,
  RELATIONSHIP_CATALOGUE,
  RELATIONSHIP_TYPES,
  ROLE_OPTIONS,
  viewFrom,
} from '../../src/renderer/src/domain/relationships/catalogue';

function row(
  from: string,
  to: string,
  type: string,
  extra: Partial<CustomerRelationship> = {},
): CustomerRelationship {
  return {
    id: `${from}-${type}-${to}`,
    from_customer_id: from,
    to_customer_id: to,
    type,
    note: '',
    created_at: '',
    updated_at: '',
    deleted: 0,
    ...extra,
  };
}

describe('catalogue', () => {
  it('has the labels from both sides', () => {
    expect(ROLE_OPTIONS.map((o) => o.label)).toEqual([
      'manages',
      'managed by',
      'represents',
      'represented by',
      'books',
      'booked by',
      'works with',
      'referred',
      'referred by',
      'member of',
      'has member',
    ]);
  });

  it('reads one row with the inverse label from the other side', () => {
    const r = row('ana', 'bo', 'manages');
    expect(viewFrom('ana', r)).toMatchObject({
      label: 'manages',
      otherId: 'bo',
      direction: 'forward',
    });
    expect(viewFrom('bo', r)).toMatchObject({
      label: 'managed by',
      otherId: 'ana',
      direction: 'inverse',
    });
    const w = row('ana', 'bo', 'works_with');
    expect(viewFrom('bo', w)).toMatchObject({ label: 'works with', otherId: 'ana' });
  });
});

describe('linkProblem', () => {
  it('refuses self-links, unknown types and duplicates, the inverse reading included', () => {
    expect(linkProblem(row('a', 'a', 'manages'), [])).toBe('self-link');
    expect(linkProblem(row('a', 'b', 'boss_of'), [])).toBe('unknown-type');
    const existing = [row('a', 'b', 'manages')];
    // "B is managed by A" is stored as (A, B, manages): the same row.
    const inverse = canonicalLink('b', { type: 'manages', direction: 'inverse' }, 'a');
    expect(inverse).toEqual({ from: 'a', to: 'b', type: 'manages' });
    expect(
      linkProblem({ ...row(inverse.from, inverse.to, inverse.type), id: 'new' }, existing),
    ).toBe('duplicate');
    // B manages A is another relationship.
    expect(linkProblem(row('b', 'a', 'manages'), existing)).toBeNull();
    // A tombstoned link does not block a new one.
    expect(
      linkProblem({ ...row('a', 'b', 'manages'), id: 'new' }, [
        row('a', 'b', 'manages', { deleted: 1 }),
      ]),
    ).toBeNull();
    // Symmetric: either order is the same link.
    expect(
      linkProblem({ ...row('b', 'a', 'works_with'), id: 'new' }, [row('a', 'b', 'works_with')]),
    ).toBe('duplicate');
  });

  it('property: a role and its inverse from the other side give the same canonical link', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(ids, ids, fc.constantFrom(...RELATIONSHIP_TYPES), (x, y, type) => {
        fc.pre(x !== y);
        const symmetric = RELATIONSHIP_CATALOGUE[type].symmetric;
        const forward = canonicalLink(x, { type, direction: 'forward' }, y);
        const inverse = canonicalLink(y, { type, direction: symmetric ? 'forward' : 'inverse' }, x);
        expect(linkKey(forward)).toBe(linkKey(inverse));
        // Read back from x's side, the label is what x chose.
        const view = viewFrom(x, row(forward.from, forward.to, forward.type));
        expect(view?.label).toBe(RELATIONSHIP_CATALOGUE[type].forward);
        expect(view?.otherId).toBe(y);
      }),
    );
  });
});

describe('groupNetwork', () => {
  it('groups by the label seen from this customer and hides links to deleted customers', () => {
    const rows = [
      row('ana', 'bo', 'manages'),
      row('cy', 'ana', 'manages'),
      row('ana', 'dee', 'manages'),
      row('ana', 'gone', 'books'),
      row('ana', 'eve', 'works_with', { deleted: 1 }),
    ];
    const live = (id: string) => id !== 'gone';
    const groups = groupNetwork('ana', rows, live);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.otherId)])).toEqual([
      ['manages', ['bo', 'dee']],
      ['managed by', ['cy']],
    ]);
    // Restoring "gone" brings the link back.
    expect(groupNetwork('ana', rows, () => true).map((g) => g.label)).toContain('books');
  });
});
