import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createWriteEstimator,
  formatTimeLeft,
} from '../../src/renderer/src/domain/import/write-estimate';

/** Feeds chunks whose time per row is `perRow(rows written before the chunk's middle)`. */
function feed(total: number, chunk: number, upTo: number, perRow: (n: number) => number) {
  const estimator = createWriteEstimator(total);
  let estimate = estimator.estimate();
  for (let done = 0; done < upTo; done += chunk)
    estimate = estimator.add(chunk, chunk * perRow(done + chunk / 2));
  return estimate;
}

describe('write estimate', () => {
  it('knows nothing before the first chunk', () => {
    expect(createWriteEstimator(100).estimate()).toEqual({ rowsPerSecond: 0, secondsLeft: null });
    expect(createWriteEstimator(0).estimate().secondsLeft).toBe(0);
  });

  it('at a steady rate, time left is the rows left at that rate', () => {
    const estimate = feed(10_000, 500, 2_000, () => 0.002);
    expect(estimate.rowsPerSecond).toBeCloseTo(500);
    expect(estimate.secondsLeft).toBeCloseTo(8_000 * 0.002);
  });

  it('when each row costs more as the database grows, time left follows the slowdown', () => {
    // 1 ms per row at the start, 1 ms more per 100,000 rows written: the million-row shape.
    const perRow = (n: number) => 0.001 + n * 1e-8;
    const estimate = feed(1_000_000, 1000, 200_000, perRow);
    // The rows left, summed exactly: 800,000 rows around row 600,000.
    const exact = 800_000 * perRow(600_000);
    expect(estimate.secondsLeft).toBeCloseTo(exact, 0);
    // The rate shown is the recent one (last ten chunks), not the average since the start.
    expect(estimate.rowsPerSecond).toBeCloseTo(1 / perRow(195_000), 0);
  });

  it('never promises less than the rate so far when chunks are noisy', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.0005, max: 0.01, noNaN: true }), {
          minLength: 1,
          maxLength: 40,
        }),
        (perRows) => {
          const total = 100_000;
          const estimator = createWriteEstimator(total);
          let estimate = estimator.estimate();
          for (const perRow of perRows) estimate = estimator.add(1000, 1000 * perRow);
          const left = total - perRows.length * 1000;
          // The fit leaves out the first chunk once there are others (it pays for starting up).
          const fitted = perRows.length > 1 ? perRows.slice(1) : perRows;
          const mean = fitted.reduce((a, b) => a + b, 0) / fitted.length;
          expect(estimate.secondsLeft).not.toBeNull();
          expect(estimate.secondsLeft ?? 0).toBeGreaterThanOrEqual(
            left * Math.min(...perRows) - 1e-6,
          );
          expect(Number.isFinite(estimate.secondsLeft)).toBe(true);
          // A falling slope counts as noise: the estimate is at least the rows left at the mean.
          expect(estimate.secondsLeft ?? 0).toBeGreaterThanOrEqual(left * mean * (1 - 1e-9));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lets a slow first chunk (starting up) go once later chunks come', () => {
    const estimator = createWriteEstimator(20_000);
    estimator.add(1000, 20); // 20 ms per row: the first staged batch, the worker warming up
    for (let chunk = 1; chunk < 10; chunk += 1) estimator.add(1000, 1);
    expect(estimator.estimate().secondsLeft).toBeCloseTo(10, 5);
  });

  it('takes chunks with no rows or no time, and a last chunk shorter than the rest', () => {
    const estimator = createWriteEstimator(2_500);
    estimator.add(1000, 2);
    estimator.add(0, 0.5);
    estimator.add(1000, 0);
    expect(estimator.estimate()).toEqual({ rowsPerSecond: 500, secondsLeft: 1 });
    expect(estimator.add(500, 1).secondsLeft).toBe(0);
  });

  it('ends at zero when every row is written', () => {
    expect(feed(5_000, 1000, 5_000, () => 0.003).secondsLeft).toBe(0);
  });

  it.each([
    [null, 'estimating…'],
    [0.4, 'under a second'],
    [42, '42 s'],
    [600, '10 min'],
    [89 * 60, '89 min'],
    [150 * 60, '2 h 30 min'],
    [120 * 60, '2 h'],
    [3 * 3600 + 5 * 60, '3 h 5 min'],
  ])('time left %j reads %j', (seconds, text) => {
    expect(formatTimeLeft(seconds)).toBe(text);
  });
});
