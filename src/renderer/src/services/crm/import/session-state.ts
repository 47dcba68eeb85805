/**
 * The life of one import session, as an explicit state machine:
 *
 *   new -> read -> planned -> writing -> finished | cancelled | failed
 *
 * Each state carries what exists in it (the rows read, the plan, the job being written), so
 * code that needs the plan cannot run before there is one. Transitions are pure functions
 * that refuse, with the words the user sees, a step the session is not ready for. The rows
 * read are one mutable object (SessionRows): a million-row file is planned in place, never
 * copied per transition.
 */
import type { ImportPlan, MergePolicy } from '../../../domain/import/plan';
import type { SessionRows } from './session-rows';

export type ImportPhase =
  'new' | 'read' | 'planned' | 'writing' | 'finished' | 'cancelled' | 'failed';

export type EndStatus = 'finished' | 'cancelled' | 'failed';

export type SessionState =
  | { phase: 'new' }
  /** The file is read and staged; the plan is being made. */
  | { phase: 'read'; rows: SessionRows }
  | { phase: 'planned'; rows: SessionRows; plan: ImportPlan }
  /** `policy`: the one the plan was made with; a change of policy now would not reach it. */
  | { phase: 'writing'; rows: SessionRows; plan: ImportPlan; policy: MergePolicy; jobId: string }
  /** Ended: what was read and planned stays for the error report. */
  | { phase: EndStatus; rows: SessionRows | null; plan: ImportPlan | null; jobId: string | null };

export const NOT_ANALYSED = 'Analyse the file before importing it';
export const ALREADY_WRITTEN = 'This import is finished. Choose the file again to import it again.';

/** A step the session is not in a state to take: a mistake of the caller, said in words. */
export class IllegalTransition extends Error {
  constructor(
    readonly from: ImportPhase,
    readonly to: ImportPhase,
    message: string,
  ) {
    super(message);
    this.name = 'IllegalTransition';
  }
}

function refuse(from: ImportPhase, to: ImportPhase, message: string): never {
  throw new IllegalTransition(from, to, message);
}

/** Reading a file (again): from any state but while writing, which must end first. */
export function startReading(state: SessionState, rows: SessionRows): SessionState {
  if (state.phase === 'writing') refuse(state.phase, 'read', 'This import is being written');
  return { phase: 'read', rows };
}

/** A plan made (after reading) or made again (a fixed cell, a skipped row, another policy). */
export function planned(state: SessionState, plan: ImportPlan): SessionState {
  if (state.phase !== 'read' && state.phase !== 'planned')
    refuse(state.phase, 'planned', state.phase === 'new' ? NOT_ANALYSED : ALREADY_WRITTEN);
  return { phase: 'planned', rows: state.rows, plan };
}

/** Writing starts from a plan, once, with the policy the plan was made with. */
export function startWriting(
  state: SessionState,
  jobId: string,
  policy: MergePolicy,
): SessionState {
  if (state.phase !== 'planned')
    refuse(
      state.phase,
      'writing',
      state.phase === 'new' || state.phase === 'read' ? NOT_ANALYSED : ALREADY_WRITTEN,
    );
  return { ...state, phase: 'writing', policy, jobId };
}

export function endWriting(state: SessionState, status: EndStatus): SessionState {
  if (state.phase !== 'writing') refuse(state.phase, status, 'This import is not being written');
  return { phase: status, rows: state.rows, plan: state.plan, jobId: state.jobId };
}

/**
 * Let go of a session that will not be written (another file chosen, the wizard closed): it
 * counts as cancelled. A session already ended, or new, stays as it is.
 */
export function abandon(state: SessionState): SessionState {
  if (state.phase === 'read' || state.phase === 'planned')
    return {
      phase: 'cancelled',
      rows: state.rows,
      plan: 'plan' in state ? state.plan : null,
      jobId: null,
    };
  return state;
}

/** The rows of a session still being planned; an ended one refuses (its rows are dropped). */
export function rowsToPlan(state: SessionState): SessionRows | null {
  if (state.phase === 'read' || state.phase === 'planned') return state.rows;
  if (state.phase === 'new') return null;
  return refuse(state.phase, 'planned', ALREADY_WRITTEN);
}

/** Whatever was read and planned, in any state: the error report reads it. */
export function readSoFar(state: SessionState): {
  rows: SessionRows | null;
  plan: ImportPlan | null;
} {
  if (state.phase === 'new') return { rows: null, plan: null };
  if (state.phase === 'read') return { rows: state.rows, plan: null };
  return { rows: state.rows, plan: state.plan };
}
