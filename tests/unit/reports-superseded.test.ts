/**
 * While the figures shown are about to be replaced (a newer filter's, or newer data's, are on
 * their way), the page mounts, draws and catches up nothing more of them (use-reports.ts
 * `shownSuperseded`, ReportsPage, figure-catch-up.ts): that work only delayed the new figures.
 */
import { describe, expect, it } from 'vitest';
import { shownSuperseded } from '../../src/renderer/src/hooks/reports/use-reports';
import { createTurnQueue } from '../../src/renderer/src/components/reports/chart-slices';

describe('figures shown, superseded', () => {
  it('are the previous answer while this filter or data has none, nor kept figures', () => {
    // The answer for this very filter and data: current.
    expect(shownSuperseded('1:EUR', '1:EUR', false)).toBe(false);
    // Another filter's answer, nothing kept for this one: about to be replaced.
    expect(shownSuperseded('1:any', '1:EUR', false)).toBe(true);
    // The same filter before a write (the load's number moved on): replaced too.
    expect(shownSuperseded('1:EUR', '2:EUR', false)).toBe(true);
    // Figures kept for this filter are shown instead, and stay until confirmed.
    expect(shownSuperseded('1:any', '1:EUR', true)).toBe(false);
    // Nothing answered yet (a first visit, or kept figures of a new window): nothing to hold.
    expect(shownSuperseded(null, '1:EUR', false)).toBe(false);
  });

  it('hold the turns queued for them until the new figures are in', () => {
    const tasks: (() => void)[] = [];
    const queue = createTurnQueue((run) => tasks.push(run));
    const granted: string[] = [];
    queue.setOpen(true);
    queue.ask(() => granted.push('off-screen figure'));
    // The filter changed before its task ran: superseded, the queue closes.
    queue.setOpen(!shownSuperseded('1:any', '1:EUR', false));
    while (tasks.length > 0) tasks.shift()!();
    expect(granted).toEqual([]);
    // The answer for EUR is shown: open again, and the turn comes.
    queue.setOpen(!shownSuperseded('1:EUR', '1:EUR', false));
    while (tasks.length > 0) tasks.shift()!();
    expect(granted).toEqual(['off-screen figure']);
  });
});
