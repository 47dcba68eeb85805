/**
 * Rows per second and time left while an import writes. Writing gets slower as the database
 * grows: each customer's index entries cost reads that take longer in a bigger database
 * (docs/import.md, "Why big imports slow down"), so dividing what is left by the average rate so
 * far promises too little: at a million rows it said 35 minutes for a write of hours.
 *
 * The model: the time per row grows in a straight line with the rows written so far,
 * `a + b * n`, fitted by least squares to every chunk's time per row; the time left is that
 * line summed over the rows still to write. The rate shown is the recent one.
 */

export type WriteEstimate = { rowsPerSecond: number; secondsLeft: number | null };

/** Chunks the shown rate is taken over: recent enough to follow the slowdown, not jittery. */
const RECENT_CHUNKS = 10;

export function createWriteEstimator(total: number) {
  // Sums for the least-squares line through (rows before the chunk's middle, seconds per row).
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let sumXX = 0;
  let sumXY = 0;
  let done = 0;
  const recent: { rows: number; seconds: number }[] = [];

  /** One written chunk: how many rows it counted and how long it took. */
  function add(rows: number, seconds: number): WriteEstimate {
    if (rows > 0 && seconds > 0) {
      const x = done + rows / 2;
      const y = seconds / rows;
      count += 1;
      sumX += x;
      sumY += y;
      sumXX += x * x;
      sumXY += x * y;
      recent.push({ rows, seconds });
      if (recent.length > RECENT_CHUNKS) recent.shift();
    }
    done += rows;
    return estimate();
  }

  function estimate(): WriteEstimate {
    const recentRows = recent.reduce((sum, chunk) => sum + chunk.rows, 0);
    const recentSeconds = recent.reduce((sum, chunk) => sum + chunk.seconds, 0);
    const rowsPerSecond = recentSeconds > 0 ? recentRows / recentSeconds : 0;
    const left = Math.max(0, total - done);
    if (count === 0) return { rowsPerSecond, secondsLeft: left === 0 ? 0 : null };
    const meanX = sumX / count;
    const meanY = sumY / count;
    const spread = sumXX / count - meanX * meanX;
    // A slope needs chunks at different points; a falling slope is noise (writes never get
    // cheaper as the database grows), and would promise an end sooner than the rate so far.
    const slope =
      count >= 3 && spread > 0 ? Math.max(0, (sumXY / count - meanX * meanY) / spread) : 0;
    const intercept = meanY - slope * meanX;
    // The line summed from `done` to `total` is its value in the middle times the rows left.
    const middle = done + left / 2;
    const perRow = Math.max(intercept + slope * middle, 0);
    return { rowsPerSecond, secondsLeft: left * (perRow > 0 ? perRow : meanY) };
  }

  return { add, estimate };
}

/** "time left …" as people read it: seconds, minutes, or hours and minutes for a long import. */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'estimating…';
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
