/**
 * A per-push phase trace (a diagnostic for the benchmarks, off unless SYNC_PUSH_TRACE=1 when
 * this module loads): when each push arrived, had its body read and parsed, was read and
 * digested (readPush), came out of its wait behind the client's push in flight (clientOrder),
 * had its statement's parameters ready, had its statement on the wire (the socket write on
 * PostgreSQL, the bind message handed to PGlite), got its result back, released the push behind
 * it, and had its answer out. `summarizePushTrace` turns pairs of a client's consecutive pushes
 * into where the time between one statement's result and the next statement's send goes
 * (docs/sync.md, "Push: the serial chain"). Off, every mark is one boolean test.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const PUSH_PHASES = [
  'clientStart',
  'arrival',
  'bodyRead',
  'readDone',
  'waitDone',
  'paramsReady',
  'querySent',
  'resultBack',
  'settled',
  'responseOut',
  'clientEnd',
] as const;
export type PushPhase = (typeof PUSH_PHASES)[number];
export type PushMarks = Partial<Record<PushPhase, number>> & {
  client?: string;
  first?: number;
  count?: number;
};

export const PUSH_TRACE_ENABLED = process.env.SYNC_PUSH_TRACE === '1';

const storage = new AsyncLocalStorage<PushMarks>();

/** Every push traced, in order of arrival (at most MAX_TRACED: a server left tracing stays bounded). */
export const tracedPushes: PushMarks[] = [];
const MAX_TRACED = 100_000;

/** Runs a push's handling with its marks as the current trace (a no-op when off). */
export function tracePush<T>(run: () => Promise<T>): Promise<T> {
  if (!PUSH_TRACE_ENABLED || tracedPushes.length >= MAX_TRACED) return run();
  const marks: PushMarks = { arrival: performance.now() };
  tracedPushes.push(marks);
  return storage.run(marks, run);
}

/** Marks `phase` of the current push, the first time only. */
export function markPush(phase: PushPhase): void {
  if (!PUSH_TRACE_ENABLED) return;
  const marks = storage.getStore();
  if (marks && marks[phase] === undefined) marks[phase] = performance.now();
}

/** Names the current push (its client and sequences), once its body is read. */
export function namePush(client: string, first: number, count: number): void {
  if (!PUSH_TRACE_ENABLED) return;
  const marks = storage.getStore();
  if (marks) Object.assign(marks, { client, first, count });
}

/**
 * A socket to PostgreSQL whose writes mark `querySent` for the push whose query wrote (the
 * async context follows node-postgres from the query through the pool's `nextTick`).
 */
export function traceSocketWrites(stream: { write: (...args: never[]) => unknown }): void {
  if (!PUSH_TRACE_ENABLED) return;
  const write = stream.write.bind(stream) as (...args: unknown[]) => unknown;
  stream.write = ((...args: unknown[]) => {
    markPush('querySent');
    return write(...args);
  }) as typeof stream.write;
}

const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** Total length of the union of intervals (time the database had some push's statement). */
function unionLength(intervals: [number, number][]): number {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of sorted) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

export type PushTraceSummary = { pushes: number; pairs: number; lines: string[] };

/**
 * Where a push's time goes, and the statement-to-statement gap of a client's consecutive
 * pushes (n, n+1): from n's result back to n+1's statement sent, split into n settling, n+1
 * leaving its wait, n+1's parameters, and n+1's statement reaching the wire; "n+1 not read yet"
 * counts the pairs where n+1 had not been read and digested when n's result came back.
 */
export function summarizePushTrace(pushes: readonly PushMarks[]): PushTraceSummary {
  const complete = pushes.filter(
    (p) =>
      p.client !== undefined &&
      p.querySent !== undefined &&
      p.resultBack !== undefined &&
      p.readDone !== undefined,
  );
  const byClient = new Map<string, PushMarks[]>();
  for (const p of complete) {
    const list = byClient.get(p.client as string) ?? [];
    list.push(p);
    byClient.set(p.client as string, list);
  }
  const gaps = { total: [] as number[], settle: [] as number[], release: [] as number[] };
  const build: number[] = [];
  const send: number[] = [];
  const late: number[] = [];
  let pairs = 0;
  const intervals: [number, number][] = [];
  for (const list of byClient.values()) {
    list.sort((a, b) => (a.first as number) - (b.first as number));
    for (const p of list) intervals.push([p.querySent as number, p.resultBack as number]);
    for (let i = 1; i < list.length; i += 1) {
      const n = list[i - 1] as Required<PushMarks>;
      const next = list[i] as Required<PushMarks>;
      if (next.first !== n.first + n.count) continue;
      pairs += 1;
      gaps.total.push(next.querySent - n.resultBack);
      gaps.settle.push(n.settled - n.resultBack);
      if (next.readDone > n.resultBack) late.push(next.readDone - n.resultBack);
      else gaps.release.push(next.waitDone - n.settled);
      build.push(next.paramsReady - next.waitDone);
      send.push(next.querySent - next.paramsReady);
    }
  }
  // The time some push was in flight (from its body's building to its answer's arrival).
  const wall = unionLength(
    complete.map((p) => [
      p.clientStart ?? (p.arrival as number),
      p.clientEnd ?? (p.responseOut as number),
    ]),
  );
  const per = (from: PushPhase, to: PushPhase) =>
    median(
      complete
        .filter((p) => p[from] !== undefined && p[to] !== undefined)
        .map((p) => (p[to] as number) - (p[from] as number)),
    );
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const statementMs = complete.map((p) => (p.resultBack as number) - (p.querySent as number));
  const busy = unionLength(intervals);
  const lines = [
    `pushes traced: ${complete.length}, consecutive pairs: ${pairs}`,
    `per push (medians): client builds body → arrival ${ms(per('clientStart', 'arrival'))}, ` +
      `body read and parsed ${ms(per('arrival', 'bodyRead'))}, readPush ${ms(per('bodyRead', 'readDone'))}, ` +
      `waiting ${ms(per('readDone', 'waitDone'))}, params ${ms(per('waitDone', 'paramsReady'))}, ` +
      `to the wire ${ms(per('paramsReady', 'querySent'))}, statement ${ms(median(statementMs))}, ` +
      `result → settled ${ms(per('resultBack', 'settled'))}, result → answer out ${ms(per('resultBack', 'responseOut'))}, ` +
      `answer → client ${ms(per('responseOut', 'clientEnd'))}`,
    `statement to statement (n's result back → n+1's statement sent), median ${ms(median(gaps.total))}, ` +
      `sum ${ms(sum(gaps.total))}: n settles ${ms(median(gaps.settle))}, ` +
      `n+1 leaves its wait ${ms(median(gaps.release))} (pairs where n+1 was waiting: ${gaps.release.length}), ` +
      `n+1's params ${ms(median(build))}, n+1 to the wire ${ms(median(send))}; ` +
      `n+1 not read yet when n's result came: ${late.length} pairs, median ${ms(median(late))} late`,
    `statements: ${ms(sum(statementMs))} in all, the database had one ${ms(busy)} of ${ms(wall)} ` +
      `(${((busy / wall) * 100).toFixed(0)} %)`,
  ];
  return { pushes: complete.length, pairs, lines };
}
