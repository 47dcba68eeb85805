import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/instance';
import type { ImportJob } from '../../domain/records';

/** Import history, newest first. */
export function useImportJobs(): ImportJob[] | undefined {
  return useLiveQuery(() =>
    getDb().import_jobs.orderBy('created_at').reverse().limit(50).toArray(),
  );
}
