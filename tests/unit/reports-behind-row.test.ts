import { describe, expect, it } from 'vitest';
import { behindDetailText } from '../../src/renderer/src/domain/reports/behind-row';
import { formatListDay } from '../../src/renderer/src/domain/customers/list-cell-format';

// The list behind a figure writes its rows as the board, the customer list and the task list
// do: their labels, their dates, never a status key or an ISO date.
const writing = { now: new Date('2027-02-20T10:00:00Z'), timeZone: 'UTC', locale: 'en-US' };

describe('the rows of the list behind a figure', () => {
  it('a deal: the board’s date, status (hold level) and money', () => {
    const text = behindDetailText(
      {
        kind: 'deal',
        eventDate: '2027-03-25',
        venue: 'Brudenell Social Club',
        status: 'hold',
        holdLevel: 1,
        amountMinor: 1_200_000,
        currency: 'EUR',
      },
      writing,
    );
    expect(text).toBe('Mar 25, 2027 · Brudenell Social Club · 1st hold · €12,000.00');
    const offer = behindDetailText(
      {
        kind: 'deal',
        eventDate: null,
        venue: '',
        status: 'offer',
        holdLevel: null,
        amountMinor: 5_000,
        currency: 'USD',
      },
      writing,
    );
    expect(offer).toBe('No date · No venue · Offer sent · $50.00');
  });

  it('a task: "In progress", never "in-progress"; due as the task list writes it', () => {
    const text = behindDetailText(
      { kind: 'task', status: 'in-progress', dueAt: '2027-02-23T14:00:00.000Z' },
      writing,
    );
    expect(text).toBe('In progress · Due Tue, Feb 23 2:00 PM');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}|in-progress/);
    expect(
      behindDetailText({ kind: 'task', status: 'open', dueAt: '2027-02-21T09:30:00Z' }, writing),
    ).toBe('Open · Due Tomorrow 9:30 AM');
    expect(behindDetailText({ kind: 'task', status: 'done', dueAt: null }, writing)).toBe(
      'Done · No due date',
    );
  });

  it('a customer: the lifecycle label and the customer list’s last-touch day', () => {
    const touched = '2027-01-05T12:00:00.000Z';
    const text = behindDetailText(
      { kind: 'customer', lifecycle: 'prospect', tags: ['VIP', 'press'], lastTouchAt: touched },
      writing,
    );
    expect(text).toBe(`Prospect · VIP, press · Last touch ${formatListDay(touched)}`);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(
      behindDetailText(
        { kind: 'customer', lifecycle: 'lead', tags: [], lastTouchAt: null },
        writing,
      ),
    ).toBe('Lead · No tags · Never touched');
  });
});
