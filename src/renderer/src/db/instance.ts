import { CrmDatabase } from './database';

let instance: CrmDatabase | null = null;

/** The app's one database. Tests make their own with `new CrmDatabase(name)`. */
export function getDb(): CrmDatabase {
  instance ??= new CrmDatabase();
  return instance;
}
