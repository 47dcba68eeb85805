// The load and fault test in full: 20 laptops (the real client sync engine over
// fake-indexeddb) editing overlapping customers, deals and tasks through two server
// processes on one PostgreSQL for 5 minutes, while one server is SIGKILLed and restarted,
// connections are dropped and answers delayed (tests/sync/load/scenario.ts). Needs a
// PostgreSQL: DATABASE_URL=postgres://… npm run bench:sync-load
//   SYNC_LOAD_SECONDS=60 SYNC_LOAD_CLIENTS=20 npm run bench:sync-load
import { runLoadScenario } from '../tests/sync/load/scenario.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error(
    'bench:sync-load needs a PostgreSQL: export DATABASE_URL="$(server/scripts/pg-ci.sh)"',
  );
  process.exit(2);
}
const seconds = Number(process.env.SYNC_LOAD_SECONDS ?? 300);
const clients = Number(process.env.SYNC_LOAD_CLIENTS ?? 20);
const { figures, problems } = await runLoadScenario({
  databaseUrl,
  durationMs: seconds * 1000,
  clients,
  say: (line) => console.log(line),
});
const f = figures;
console.log(
  `\nSync under load and faults: ${f.clients} laptops, ${seconds} s, two server processes`,
);
console.log(
  `  writes made on laptops:      ${f.writes} (${f.pushedChanges} changes pushed during the load)`,
);
console.log(`  conflicting fields:          ${f.conflicts} (written by two or more laptops)`);
console.log(`  syncs:                       ${f.syncs} (${f.failedSyncs} cut by a fault, retried)`);
console.log(`  server kills survived:       ${f.killsSurvived} of ${f.kills} (SIGKILL, restart)`);
console.log(`  connections dropped:         ${f.drops}`);
console.log(`  seconds to converge:         ${f.secondsToConverge} (after the faults stop)`);
console.log(
  `  surviving server RSS:        ${f.rssMb.start} MB -> ${f.rssMb.end} MB (peak ${f.rssMb.peak})  <- flat: end <= 2x start`,
);
console.log(
  problems.length === 0
    ? '  every acknowledged change on the server once, every laptop equal to the server: yes'
    : `  PROBLEMS:\n    ${problems.join('\n    ')}`,
);
process.exit(problems.length === 0 ? 0 : 1);
