/**
 * A new window's page and the figures kept for it (use-reports.ts): whichever kept read
 * answers first (the warm-up's or the page's own) reaches the mounted page, and the page's
 * first load waits for that small read, so the worker's 29 MB snapshot read does not queue
 * ahead of it (docs/reports.md, "The cold window's kept figures").
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_REPORT_FILTER } from '../../src/renderer/src/domain/reports/filter';
import type { ReportView } from '../../src/renderer/src/services/crm/reports/report-engine';

const client = vi.hoisted(() => ({
  kept: vi.fn(),
  warm: vi.fn(),
  onChange: vi.fn(),
}));
vi.mock('../../src/renderer/src/workers/reports-client', () => ({
  reportsClient: () => client,
}));

const { loadAfterKept, onKeptFigures, shownFor, shownKey, warmReports } =
  await import('../../src/renderer/src/hooks/reports/use-reports');

const VIEW = {
  ok: true,
  tables: [],
  pending: [],
  needsTouchpoints: false,
  reportingCurrency: null,
  computeMs: 0,
} as unknown as ReportView;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  client.kept.mockReset();
  client.warm.mockReset();
  client.warm.mockResolvedValue({ warmed: false, view: null, choices: null });
});

describe('a new window and the figures kept for it', () => {
  it("tells the mounted page when the warm-up's kept read finds them", async () => {
    const told = vi.fn();
    const stop = onKeptFigures(told);
    try {
      client.kept.mockResolvedValue(VIEW);
      await warmReports(NO_REPORT_FILTER, 90);
      expect(shownFor(shownKey(NO_REPORT_FILTER, 90))).toBe(VIEW);
      expect(told).toHaveBeenCalledTimes(1);
    } finally {
      stop();
    }
  });

  it("starts the first load only once the kept figures' read has answered", async () => {
    let answer: (view: ReportView | null) => void = () => undefined;
    client.kept.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    // Another N than above: nothing is shown for it yet, so the warm-up reads.
    const warming = warmReports(NO_REPORT_FILTER, 30);
    const load = vi.fn(async () => 'loaded');
    const loading = loadAfterKept(load, 60_000);
    await settle();
    expect(load).not.toHaveBeenCalled();
    answer(null);
    expect(await loading).toBe('loaded');
    expect(load).toHaveBeenCalledTimes(1);
    await warming;
  });

  it('does not wait for a kept read longer than its bound', async () => {
    client.kept.mockReturnValue(new Promise(() => undefined));
    void warmReports(NO_REPORT_FILTER, 60);
    const load = vi.fn(async () => 'loaded');
    expect(await loadAfterKept(load, 20)).toBe('loaded');
  });
});
