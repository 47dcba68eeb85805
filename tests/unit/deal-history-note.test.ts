// Deal-history notes name event dates: the screen shows them in the user's locale from the
// entry's stored values (event_date_from / event_date_to); entries written before those fields
// read their dates from the two notes that named one; any other note is shown as it is.
import { describe, expect, it } from 'vitest';
import { historyNoteText, noteDates } from '../../src/renderer/src/domain/deals/history-note';

describe('a deal-history note on screen', () => {
  it('writes the stored dates in the locale', () => {
    const moved = {
      note: 'Moved from 2026-12-04 to 2026-12-11: now 1st hold',
      event_date_from: '2026-12-04',
      event_date_to: '2026-12-11',
    };
    expect(historyNoteText(moved, 'en-US')).toBe(
      'Moved from Dec 4, 2026 to Dec 11, 2026: now 1st hold',
    );
    expect(historyNoteText(moved, 'fr-FR')).toBe(
      'Moved from 4 déc. 2026 to 11 déc. 2026: now 1st hold',
    );
    // A deal that had no date.
    const undated = {
      note: 'Moved from no date to 2026-12-11: now 1st hold',
      event_date_from: null,
      event_date_to: '2026-12-11',
    };
    expect(historyNoteText(undated, 'en-GB')).toBe(
      'Moved from no date to 11 Dec 2026: now 1st hold',
    );
    const up = {
      note: 'Now 1st hold: Cleo at Hall (1st hold) moved to 2026-12-11',
      event_date_from: '2026-12-04',
      event_date_to: '2026-12-11',
    };
    expect(historyNoteText(up, 'en-US')).toBe(
      'Now 1st hold: Cleo at Hall (1st hold) moved to Dec 11, 2026',
    );
  });

  it('old notes, stored before the fields, read their dates from the words', () => {
    expect(
      historyNoteText({ note: 'Moved from 2026-06-01 to 2026-06-02: now 2nd hold' }, 'en-US'),
    ).toBe('Moved from Jun 1, 2026 to Jun 2, 2026: now 2nd hold');
    expect(
      historyNoteText(
        { note: 'Now 1st hold: Ana at Hall (1st hold) moved to 2026-06-02' },
        'de-DE',
      ),
    ).toBe('Now 1st hold: Ana at Hall (1st hold) moved to 2. Juni 2026');
    expect(
      historyNoteText({ note: 'Now 1st hold: Ana at Hall (1st hold) was released' }, 'en-US'),
    ).toBe('Now 1st hold: Ana at Hall (1st hold) was released');
  });

  it('leaves a note someone typed as it is, dates in it too, and an empty one empty', () => {
    expect(historyNoteText({ note: 'Cleo confirmed 2026-06-01 by phone' }, 'en-US')).toBe(
      'Cleo confirmed 2026-06-01 by phone',
    );
    expect(noteDates({ note: 'Cleo confirmed 2026-06-01 by phone' })).toEqual([]);
    expect(historyNoteText({ note: '' }, 'en-US')).toBe('');
    // Stored values name only their own dates: another date in the words stays.
    expect(
      historyNoteText(
        {
          note: 'Moved from 2026-12-04 to 2026-12-11: now 1st hold (12026-12-110)',
          event_date_from: '2026-12-04',
          event_date_to: '2026-12-11',
        },
        'en-US',
      ),
    ).toBe('Moved from Dec 4, 2026 to Dec 11, 2026: now 1st hold (12026-12-110)');
  });
});
