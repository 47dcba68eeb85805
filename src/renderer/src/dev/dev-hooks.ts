/**
 * Developer and benchmark hooks, installed only when the page is opened with `?dev` (never in
 * normal use: Electron loads the app without it). Benchmarks drive the real app through this
 * object: seed large data sets, time raw Dexie queries beside the UI.
 */
import { getDb } from '../db/instance';
import { crm } from '../services/registry';

export function installDevHooks(): void {
  Object.assign(window, { encoreDev: { db: getDb(), crm: crm() } });
}
