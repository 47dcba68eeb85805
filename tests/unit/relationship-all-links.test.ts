// The relationships page's list: every live link between live customers, and its filter.
import { describe, expect, it } from 'vitest';
import { filterLinkLines, linkLines } from '../../src/renderer/src/domain/relationships/all-links';

const row = (id: string, from: string, to: string, type: string, extra = {}) => ({
  id,
  from_customer_id: from,
  to_customer_id: to,
  type,
  deleted: 0 as 0 | 1,
  note: '',
  ...extra,
});

const names = new Map([
  ['a', 'Ana Lima'],
  ['b', 'Bo Chen'],
  ['c', 'Zoë Adams'],
]);

describe('all relationships', () => {
  it('lists live links between live customers, from their stored side, by name', () => {
    const lines = linkLines(
      [
        row('1', 'c', 'a', 'manages'),
        row('2', 'a', 'b', 'works_with', { note: 'tour 2027' }),
        row('3', 'a', 'c', 'books', { deleted: 1 }),
        row('4', 'a', 'gone', 'books'),
        row('5', 'a', 'b', 'not-a-type'),
      ],
      names,
    );
    expect(lines.map((l) => `${l.fromName} ${l.label} ${l.toName}`)).toEqual([
      'Ana Lima works with Bo Chen',
      'Zoë Adams manages Ana Lima',
    ]);
  });

  it('filters on every word typed, in names, verbs and notes, accents and case ignored', () => {
    const lines = linkLines(
      [row('1', 'c', 'a', 'manages'), row('2', 'a', 'b', 'works_with', { note: 'Tour 2027' })],
      names,
    );
    const names_ = (text: string) => filterLinkLines(lines, text).map((l) => l.id);
    expect(names_('zoe')).toEqual(['1']);
    expect(names_('ana manag')).toEqual(['1']);
    expect(names_('tour')).toEqual(['2']);
    expect(names_('ana')).toEqual(['2', '1']);
    expect(names_('  ')).toEqual(['2', '1']);
    expect(names_('nobody')).toEqual([]);
  });
});
