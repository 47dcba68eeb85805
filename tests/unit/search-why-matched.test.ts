import { describe, expect, it } from 'vitest';
import { matchedContacts } from '../../src/renderer/src/domain/search/why-matched';

const ada = {
  first_name: 'Ada',
  last_name: 'Okafor',
  tags: ['vip'],
  notes: 'lighthouse show',
  all_emails: ['ada@home.example', 'ada.tour@crew.example'],
  all_phones: ['+4915123456789', '+442079460018'],
  primary_email: 'Ada@Home.example',
  primary_phone: '+442079460018',
};

describe('why a row matched', () => {
  it('names the other phone a fragment matched, in any format typed', () => {
    expect(matchedContacts(ada, '3456 78')).toEqual({ email: null, phone: '+4915123456789' });
    expect(matchedContacts(ada, '0151 234')).toEqual({ email: null, phone: '+4915123456789' });
  });

  it('names the other email a word matched', () => {
    expect(matchedContacts(ada, 'crew')).toEqual({ email: 'ada.tour@crew.example', phone: null });
    expect(matchedContacts(ada, 'ada.tour@cr')).toEqual({
      email: 'ada.tour@crew.example',
      phone: null,
    });
  });

  it('names nothing when the row already shows why: name, tag, note, primary email or phone', () => {
    for (const search of ['okafor', 'vip', 'lighthouse', 'home', '7946', 'ada', ''])
      expect(matchedContacts(ada, search), search).toEqual({ email: null, phone: null });
  });
});
