/**
 * Workspace administration from the command line:
 *   npx tsx server/src/admin.ts create-workspace "<agency name>" "<member name>"
 *   npx tsx server/src/admin.ts create-token <workspace id> "<member name>"
 *   npx tsx server/src/admin.ts revoke-token <token>
 * Same database selection as the server (DATABASE_URL, else PGlite in SYNC_DATA_DIR).
 */
import { resolve } from 'node:path';
import { createToken, createWorkspace, revokeToken } from './auth';
import { DataDirBusy } from './data-dir-lock';
import { openDatabase } from './db';
import { migrate } from './migrations';

const [command, first, second] = process.argv.slice(2);
const db = await openDatabase(
  process.env,
  resolve(process.env.SYNC_DATA_DIR ?? '.server-data'),
).catch((error: unknown) => {
  // The server has the PGlite folder open (data-dir-lock.ts): say so, not a stack trace.
  if (error instanceof DataDirBusy) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
try {
  await migrate(db);
  if (command === 'create-workspace' && first) {
    const workspaceId = await createWorkspace(db, first);
    const { token } = await createToken(db, workspaceId, second ?? 'admin');
    console.log(`workspace ${workspaceId}\ntoken     ${token}`);
  } else if (command === 'create-token' && first && second) {
    const { token } = await createToken(db, first, second);
    console.log(`token ${token}`);
  } else if (command === 'revoke-token' && first) {
    await revokeToken(db, first);
    console.log('revoked');
  } else {
    console.error(
      'usage: admin.ts create-workspace <name> [member] | create-token <workspace id> <member> | revoke-token <token>',
    );
    process.exitCode = 2;
  }
} finally {
  await db.close();
}
