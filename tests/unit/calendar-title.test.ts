import { describe, expect, it } from 'vitest';
import { calendarTitle } from '../../src/renderer/src/components/calendar/calendar-title';
import { calendarSpan } from '../../src/renderer/src/domain/reports/show-calendar';

describe('the calendar says its period as the app writes dates', () => {
  it('a week: its Monday as the board writes it, never an ISO date', () => {
    const title = calendarTitle('week', calendarSpan('week', '2027-03-04'), 'en-US');
    expect(title).toBe('Week of Mar 1, 2027');
    expect(calendarTitle('week', calendarSpan('week', '2027-03-04'), 'de-DE')).toBe(
      'Week of 1. März 2027',
    );
  });
  it('a month: its name and year', () => {
    expect(calendarTitle('month', calendarSpan('month', '2027-03-04'), 'en-US')).toBe('March 2027');
  });
});
