import { describe, expect, it } from 'vitest';
import {
  refusalMessage,
  refusalWhileDragging,
} from '../../src/renderer/src/domain/deals/drop-targets';
import { DEAL_STATUSES, TRANSITIONS } from '../../src/renderer/src/domain/deals/statuses';

describe('stages that refuse a dragged deal', () => {
  it('refuses exactly the stages the status model forbids, never the home stage', () => {
    for (const from of DEAL_STATUSES)
      for (const to of DEAL_STATUSES) {
        const refused = refusalWhileDragging(from, to) !== null;
        expect(refused).toBe(from !== to && !TRANSITIONS[from].includes(to));
      }
    expect(refusalWhileDragging(null, 'inquiry')).toBeNull();
  });

  it('says why in a few words while dragging and in full when let go', () => {
    expect(refusalWhileDragging('confirmed', 'inquiry')).toBe('Not from Confirmed');
    expect(refusalMessage('confirmed', 'inquiry')).toContain(
      'cannot move from Confirmed to Inquiry',
    );
    expect(refusalMessage('confirmed', 'offer')).toBeNull();
  });
});
