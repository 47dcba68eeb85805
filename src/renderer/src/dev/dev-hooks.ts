/**
 * Developer and benchmark hooks, installed only when the page is opened with `?dev` (never in
 * normal use: Electron loads the app without it). Benchmarks drive the real app through this
 * object: seed large data sets, time raw Dexie queries beside the UI, run the import service
 * on the page to profile it, and write ceilings with a plain Dexie (no middlewares).
 */
import Dexie from 'dexie';
import Papa from 'papaparse';
import { blobByteSource, sniffCsv } from '@shared/csv';
import { getDb } from '../db/instance';
import { SCHEMA_V1 } from '../db/schema';
import { autoMap } from '../domain/import/mapping';
import { logScoresByCustomer, NO_ENGAGEMENT_LOG } from '../domain/reports/engagement-score';
import type { CustomerListQuery } from '../services/crm/customers/customer-list-query';
import {
  DEFAULT_LIST_QUERY,
  queryCustomerList,
} from '../services/crm/customers/customer-list-query';
import { crm } from '../services/registry';
import { customerSearch } from '../workers/search-client';
import { fastSeed } from './fast-seed';

export function installDevHooks(): void {
  const queries = {
    customerList: (patch: Partial<CustomerListQuery>) =>
      queryCustomerList(getDb(), { ...DEFAULT_LIST_QUERY, ...patch }),
  };
  const libs = {
    Dexie,
    Papa,
    SCHEMA_V1,
    blobByteSource,
    sniffCsv,
    autoMap,
    // bench:reports writes cloned list rows in bulk with the score the projection would store.
    logScoresByCustomer,
    NO_ENGAGEMENT_LOG,
  };
  // Benchmarks: the search index's state, size and start, and a snapshot save on demand.
  const engine = customerSearch(getDb());
  const search = {
    diagnostics: () => engine.diagnostics(),
    save: () => engine.save(),
    query: engine.query.bind(engine),
    whenReady: () => engine.whenReady(),
  };
  // Large benchmark sets without the write path (fast-seed.ts says what it skips).
  const seedFast = (count: number, options?: { chunkSize?: number; seed?: number }) =>
    fastSeed(getDb(), count, options);
  Object.assign(window, {
    encoreDev: { db: getDb(), crm: crm(), queries, libs, search, fastSeed: seedFast },
  });
}
