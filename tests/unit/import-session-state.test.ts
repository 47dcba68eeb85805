import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../src/renderer/src/domain/import/plan';
import { emptyRows } from '../../src/renderer/src/services/crm/import/session-rows';
import {
  abandon,
  ALREADY_WRITTEN,
  endWriting,
  IllegalTransition,
  NOT_ANALYSED,
  planned,
  readSoFar,
  rowsToPlan,
  startReading,
  startWriting,
  type SessionState,
} from '../../src/renderer/src/services/crm/import/session-state';

const plan = (): ImportPlan => ({
  customers: [],
  counts: {} as ImportPlan['counts'],
  conflicts: new Map(),
});
const rows = emptyRows('s');
const fresh: SessionState = { phase: 'new' };
const read = startReading(fresh, rows);
const ready = planned(read, plan());
const writing = startWriting(ready, 'job-1', 'overwrite');

describe('the import session state machine', () => {
  it('walks new -> read -> planned -> writing -> finished, carrying rows, plan and job', () => {
    expect(read).toEqual({ phase: 'read', rows });
    expect(ready).toMatchObject({ phase: 'planned', rows });
    expect(writing).toMatchObject({ phase: 'writing', jobId: 'job-1', policy: 'overwrite' });
    const done = endWriting(writing, 'finished');
    expect(done).toMatchObject({ phase: 'finished', rows, jobId: 'job-1' });
    expect(readSoFar(done).rows).toBe(rows);
    expect(endWriting(writing, 'cancelled').phase).toBe('cancelled');
    expect(endWriting(writing, 'failed').phase).toBe('failed');
  });

  it('plans again as often as the user changes the plan', () => {
    expect(planned(ready, plan()).phase).toBe('planned');
  });

  it('refuses to write what was not read and planned', () => {
    expect(() => startWriting(fresh, 'j', 'skip')).toThrow(NOT_ANALYSED);
    expect(() => startWriting(read, 'j', 'skip')).toThrow(NOT_ANALYSED);
    expect(() => planned(fresh, plan())).toThrow(IllegalTransition);
  });

  it('refuses to write, plan or change an import twice once written or abandoned', () => {
    const ended = endWriting(writing, 'finished');
    for (const state of [writing, ended, abandon(ready)]) {
      expect(() => startWriting(state, 'j', 'skip')).toThrow(ALREADY_WRITTEN);
      expect(() => planned(state, plan())).toThrow(IllegalTransition);
      expect(() => rowsToPlan(state)).toThrow(ALREADY_WRITTEN);
    }
  });

  it('ends writing only while writing, and reads a file again only when not writing', () => {
    expect(() => endWriting(ready, 'finished')).toThrow(IllegalTransition);
    expect(() => startReading(writing, rows)).toThrow(IllegalTransition);
    expect(startReading(endWriting(writing, 'failed'), rows).phase).toBe('read');
    expect(startReading(abandon(ready), rows).phase).toBe('read');
  });

  it('counts an abandoned session as cancelled, and leaves new and ended ones as they are', () => {
    expect(abandon(read).phase).toBe('cancelled');
    expect(abandon(ready).phase).toBe('cancelled');
    expect(abandon(fresh)).toBe(fresh);
    const ended = endWriting(writing, 'finished');
    expect(abandon(ended)).toBe(ended);
    expect(rowsToPlan(fresh)).toBeNull();
  });

  it('says which step was refused', () => {
    try {
      startWriting(fresh, 'j', 'skip');
    } catch (error) {
      expect(error).toMatchObject({ name: 'IllegalTransition', from: 'new', to: 'writing' });
    }
    expect.assertions(1);
  });
});
