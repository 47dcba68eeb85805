import { describe, expect, it, vi } from 'vitest';
import type { ReportTable } from '../../src/renderer/src/domain/reports/report-table';
import type { ReportView } from '../../src/renderer/src/services/crm/reports/report-engine';
import type { SentMemory } from '../../src/renderer/src/workers/report-table-delta';
import { fromSent, toSent } from '../../src/renderer/src/workers/report-table-delta';

const table = (id: string, text: string): ReportTable => ({
  id,
  title: id,
  caption: '',
  columns: ['Month', 'Won'],
  rows: [
    [
      { text: 'Total', csv: 'Total', drill: null },
      { text, csv: text, drill: null },
    ],
  ],
  notes: [],
});

const view = (...tables: ReportTable[]): ReportView => ({
  ok: true,
  tables,
  pending: [],
  needsTouchpoints: false,
  reportingCurrency: null,
  computeMs: 1,
});

describe('sending the window only the tables that changed', () => {
  it('sends a table once, then its id while its content stays, and the window gets the same object back', () => {
    const sent: SentMemory = new Map();
    const received = new Map<string, ReportTable>();
    const first = fromSent(toSent(view(table('a', '1'), table('b', '2')), sent), received);
    const second = toSent(view(table('a', '1'), table('b', '3')), sent);
    expect(second.ok && second.tables).toEqual([{ id: 'a' }, { id: 'b', table: table('b', '3') }]);
    const shown = fromSent(second, received);
    expect(shown.ok && shown.tables[0]).toBe(first.ok && first.tables[0]);
    expect(shown.ok && shown.tables[1]).toEqual(table('b', '3'));
  });

  it('sends a table kept as the same object by its id without serializing it again', () => {
    const sent: SentMemory = new Map();
    const kept = table('a', '1');
    toSent(view(kept, table('b', '2')), sent);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const again = toSent(view(kept, table('b', '3')), sent);
      expect(again.ok && again.tables).toEqual([{ id: 'a' }, { id: 'b', table: table('b', '3') }]);
      // Only the table computed again is serialized.
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
  });

  it('passes refusals through, and refuses an unchanged table it never received', () => {
    const refused: ReportView = { ok: false, problems: [] };
    expect(toSent(refused, new Map())).toBe(refused);
    expect(() => fromSent({ ...view(), tables: [{ id: 'x' }] } as never, new Map())).toThrow(
      /unknown/,
    );
  });
});
