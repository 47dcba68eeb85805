/**
 * One import in the making. Its state is one typed object (session-state.ts), moved only by
 * the state machine's transitions; the steps themselves live beside it: reading and staging
 * (session-read.ts), the plan (session-plan.ts), writing (session-run.ts).
 */
import { newId } from '../../../domain/ids';
import type { MergePolicy } from '../../../domain/import/plan';
import type { ImportErrorRow } from '../../../domain/records';
import { fixRow, holdRows, keepCellsOf, readRows } from './session-read';
import {
  analysisOf,
  errorRows,
  makePlan,
  notWrittenErrors,
  type PlanChoices,
} from './session-plan';
import { newRowIdentities, prepareMergeTargets, type NewRowIdentity } from './session-merge-into';
import { emptyRows } from './session-rows';
import { newJob, writeJob, type RunDeps } from './session-run';
import {
  abandon,
  endWriting,
  planned,
  readSoFar,
  rowsToPlan,
  startReading,
  startWriting,
  type ImportPhase,
  type SessionState,
} from './session-state';
import type { Analysis, CommitOptions, CommitResult, ReadProgress } from './session-types';

export class ImportSession {
  #state: SessionState = { phase: 'new' };
  /** The user's choices outlive a new reading of the same file. */
  readonly #choices: PlanChoices = {
    policy: 'fill-blanks',
    skipped: new Set(),
    mergeInto: new Map(),
  };

  constructor(private readonly deps: RunDeps) {}

  /** Where the session is: new, read, planned, writing, finished, cancelled or failed. */
  get phase(): ImportPhase {
    return this.#state.phase;
  }

  get headers(): string[] {
    return readSoFar(this.#state).rows?.headers ?? [];
  }

  /** How many rows the session holds in memory in full (the rest are staged). */
  get heldRows(): number {
    return readSoFar(this.#state).rows?.held.size ?? 0;
  }

  /** Reads (again) and plans the whole file; the staged rows of a previous reading go. */
  async analyse(
    read: { signal?: AbortSignal; onProgress?: (p: ReadProgress) => void } = {},
  ): Promise<Analysis> {
    await this.dispose();
    // Merge choices name rows of the last reading; a new reading starts without them.
    this.#choices.mergeInto.clear();
    const { staging } = this.deps;
    const rows = emptyRows(newId());
    rows.releaseStaging = await staging.hold(rows.staging);
    await staging.dropAbandoned(rows.staging);
    this.#state = startReading(this.#state, rows);
    await readRows(this.deps, rows, read);
    return this.#replanKeepingCells();
  }

  /** Fix one cell of a row with issues; the row is read again with the same mapping. */
  async fixCell(row: number, column: number, value: string): Promise<Analysis> {
    const rows = rowsToPlan(this.#state);
    if (!rows) throw new Error(`Row ${row} is not in this import`);
    await fixRow(this.deps, rows, { row, column, value });
    return this.#replanKeepingCells();
  }

  /** Fix many cells at once (a fix for every row with one issue), planned again once. */
  async fixCells(
    fixes: readonly { row: number; column: number; value: string }[],
  ): Promise<Analysis> {
    const rows = rowsToPlan(this.#state);
    if (!rows) throw new Error('There is no import to fix');
    for (const fix of fixes) await fixRow(this.deps, rows, fix);
    return this.#replanKeepingCells();
  }

  /** Skip (or keep) many rows at once, planned again once. */
  async setSkippedRows(list: readonly number[], skip: boolean): Promise<Analysis> {
    const rows = rowsToPlan(this.#state);
    if (rows) await holdRows(this.deps, rows, [...list]);
    for (const row of list) {
      if (skip) this.#choices.skipped.add(row);
      else this.#choices.skipped.delete(row);
    }
    return this.#replan();
  }

  async setSkipped(row: number, skip: boolean): Promise<Analysis> {
    const rows = rowsToPlan(this.#state);
    if (rows) await holdRows(this.deps, rows, [row]);
    if (skip) this.#choices.skipped.add(row);
    else this.#choices.skipped.delete(row);
    return this.#replan();
  }

  setPolicy(next: MergePolicy): Analysis {
    this.#choices.policy = next;
    return this.#replan();
  }

  /** The rows the plan would create customers from, for duplicate detection to judge. */
  async newRowIdentities(): Promise<NewRowIdentity[]> {
    const { rows, plan } = readSoFar(this.#state);
    if (!rows || !plan) return [];
    return newRowIdentities(this.deps, rows, plan, this.#choices.skipped);
  }

  /** Rows to merge into an existing customer (customerId) or to create again (null). */
  async setMergeInto(
    picks: readonly { row: number; customerId: string | null }[],
  ): Promise<Analysis> {
    const rows = rowsToPlan(this.#state);
    const chosen = new Map<number, string>();
    for (const { row, customerId } of picks)
      if (customerId) chosen.set(row, customerId);
      else this.#choices.mergeInto.delete(row);
    if (rows && chosen.size > 0) {
      const live = await prepareMergeTargets(this.deps, rows, chosen);
      for (const [row, id] of chosen) if (live.has(id)) this.#choices.mergeInto.set(row, id);
    }
    return this.#replan();
  }

  errorRows(): ImportErrorRow[] {
    const { rows, plan } = readSoFar(this.#state);
    return errorRows(rows, plan, this.#choices.skipped);
  }

  /** Drops the staged rows and lets the session's lock go (a new analysis, or done). */
  async dispose(): Promise<void> {
    this.#state = abandon(this.#state);
    const { rows } = readSoFar(this.#state);
    const release = rows?.releaseStaging;
    if (!rows || !release) return;
    rows.releaseStaging = null;
    try {
      await this.deps.staging.drop(rows.staging);
    } finally {
      release();
    }
  }

  /** Writes the plan, once; a new reading of the file is needed to import it again. */
  async commit(options: CommitOptions): Promise<CommitResult> {
    const state = startWriting(this.#state, options.resumeJobId ?? newId(), this.#choices.policy);
    if (state.phase !== 'writing') throw new Error('Writing did not start');
    this.#state = state;
    const { rows, plan, policy } = state;
    try {
      // The error report carries the original cells of every row it names.
      await keepCellsOf(this.deps, rows, [...plan.conflicts.keys()]);
      const run = { rows, plan, policy, errors: errorRows(rows, plan, this.#choices.skipped) };
      const job = await newJob(this.deps, run, options);
      const result = await writeJob(this.deps, run, job, {
        ...options,
        errorsFor: async (notWritten) => {
          await keepCellsOf(
            this.deps,
            rows,
            notWritten.flatMap((entry) => entry.rows),
          );
          return notWrittenErrors(rows, notWritten);
        },
      });
      this.#state = endWriting(this.#state, result.status);
      return result;
    } catch (error) {
      if (this.#state.phase === 'writing') this.#state = endWriting(this.#state, 'failed');
      throw error;
    } finally {
      await this.dispose();
    }
  }

  /** The plan made again from the rows (a new session plans nothing yet). */
  #replan(): Analysis {
    const rows = rowsToPlan(this.#state) ?? emptyRows('');
    const plan = makePlan(rows, this.#choices);
    if (this.#state.phase !== 'new') this.#state = planned(this.#state, plan);
    return analysisOf(rows, plan, this.#choices);
  }

  /** Plans, then reads the original cells of rows the plan found a conflict in. */
  async #replanKeepingCells(): Promise<Analysis> {
    const analysis = this.#replan();
    const state = this.#state;
    if (state.phase !== 'planned') return analysis;
    await keepCellsOf(this.deps, state.rows, [...state.plan.conflicts.keys()]);
    return analysisOf(state.rows, state.plan, this.#choices);
  }
}
