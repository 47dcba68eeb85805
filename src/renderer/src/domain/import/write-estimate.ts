/**
 * Rows per second and time left while an import writes. Writing gets slower as the database
 * grows: each customer's search-token index entries cost reads that take longer in a bigger
 * database (docs/import.md, "Why big imports slow down"), so dividing what is left by the
 * average rate so far promises too little: at a million rows it said 35 minutes for a write of
 * hours.
 *
 * A heuristic, not a measured law: the time per row is taken to grow in a straight line with
 * the rows written so far, `a + b * n`, fitted by least squares to the chunks' times per row
 * (the first chunk, which also pays for starting up, only until there is another), and summed
 * over the rows still to write. It can still be off, e.g. when a file's updates (written
 * first, not growing the database) cost differently from its new customers. The rate shown is
 * the recent one.
 */

export type WriteEstimate = { rowsPerSecond: number; secondsLeft: number | null };

/** Chunks the shown rate is taken over: recent enough to follow the slowdown, not jittery. */
const RECENT_CHUNKS = 10;

type Sample = { x: number; y: number };

export function createWriteEstimator(total: number) {
  // Sums for the least-squares line through (rows before the chunk's middle, seconds per row).
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  let sumXX = 0;
  let sumXY = 0;
  let first: Sample | null = null;
  let done = 0;
  const recent: { rows: number; seconds: number }[] = [];

  function addToFit({ x, y }: Sample): void {
    count += 1;
    sumX += x;
    sumY += y;
    sumXX += x * x;
    sumXY += x * y;
  }

  /** One written chunk: how many rows it counted and how long it took. */
  function add(rows: number, seconds: number): WriteEstimate {
    if (rows > 0 && seconds > 0) {
      const sample = { x: done + rows / 2, y: seconds / rows };
      if (first === null) first = sample;
      else addToFit(sample);
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
    if (left === 0) return { rowsPerSecond, secondsLeft: 0 };
    if (first === null) return { rowsPerSecond, secondsLeft: null };
    if (count === 0) return { rowsPerSecond, secondsLeft: left * first.y };
    const meanX = sumX / count;
    const meanY = sumY / count;
    const spread = sumXX / count - meanX * meanX;
    // A slope needs chunks at different points; a falling slope is noise (writes do not get
    // cheaper as the database grows) and would promise an end sooner than the rate so far.
    const slope =
      count >= 3 && spread > 0 ? Math.max(0, (sumXY / count - meanX * meanY) / spread) : 0;
    // The line summed from `done` to `total` is its value in the middle times the rows left;
    // the middle lies past every chunk so far, so with a slope of at least zero the value is
    // at least the mean time per row.
    const middle = done + left / 2;
    return { rowsPerSecond, secondsLeft: left * (meanY + slope * (middle - meanX)) };
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
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest > 0 ? ` ${rest} min` : ''}`;
}
