// Checks server/Dockerfile where no container engine is available: replays its own steps
// (FROM stages, WORKDIR, ENV, COPY, RUN, CMD, HEALTHCHECK, STOPSIGNAL) in a temporary
// directory, each stage's filesystem root a folder there, then starts the image's CMD with the
// image's environment (and an environment configuration of its own: free port, data
// directory, optionally DATABASE_URL), and checks that /healthz and /readyz answer 200, that
// the HEALTHCHECK command passes, and that the STOPSIGNAL stops it with exit code 0.
//
//   node server/scripts/dockerfile-check.mjs                  # PGlite in the image's /data
//   DATABASE_URL=postgres://… node server/scripts/dockerfile-check.mjs
//   node server/scripts/dockerfile-check.mjs --link-build-modules   # see below
//
// What it cannot check: the base image itself (node:20-bookworm-slim is taken to be this
// machine's Node 20), the `node` user (absent here: `chown` to it is skipped and said so),
// and the layer cache. `--link-build-modules` links this checkout's node_modules for a stage's
// full `npm ci` (with dev packages, a large download) instead of running it; the runtime
// stage's `npm ci --omit=dev` always runs for real, so the image's packages are the lockfile's.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dockerfile = process.argv.find((arg) => arg.endsWith('Dockerfile')) ?? 'server/Dockerfile';
const linkBuildModules = process.argv.includes('--link-build-modules');
const work = mkdtempSync(join(tmpdir(), 'encore-dockerfile-'));
const say = (line) => console.log(line);
const fail = (line) => {
  console.error(`FAILED: ${line}\n(work directory kept: ${work})`);
  process.exit(1);
};

/** The Dockerfile as instructions: comments dropped, continued lines joined. */
function instructions(text) {
  const out = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!current && (line === '' || line.startsWith('#'))) continue;
    if (current && line.startsWith('#')) continue;
    current += (current ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (!line.endsWith('\\')) {
      const [keyword, ...rest] = current.split(/\s+/);
      out.push({ keyword: keyword.toUpperCase(), args: rest.join(' ') });
      current = '';
    }
  }
  return out;
}

/** `KEY=value KEY2="v"` pairs of an ENV instruction. */
function envPairs(args) {
  const pairs = {};
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("([^"]*)"|\S*)/g))
    pairs[match[1]] = match[3] ?? match[2];
  return pairs;
}

const stages = new Map();
let stage;
/** An absolute path inside the current stage's image, as a folder of this machine. */
const inImage = (target, path) => join(target.root, path);
const resolveIn = (target, path) =>
  path.startsWith('/') ? inImage(target, path) : join(inImage(target, target.workdir), path);

/** Absolute paths of the image named in a RUN command, moved under the stage's root. */
function mapPaths(target, command) {
  return command.replace(/(^|[\s=])(\/[A-Za-z0-9._/-]+)/g, (whole, before, path) =>
    path.startsWith('/dev/') ? whole : `${before}${inImage(target, path)}`,
  );
}

function run(target, command) {
  const parts = command.split(/\s*&&\s*/);
  const kept = [];
  for (const part of parts) {
    if (/^chown\s/.test(part)) {
      say(`    skipped (no such user on this machine): ${part}`);
      continue;
    }
    if (linkBuildModules && /^npm ci\b/.test(part) && !/--omit=dev/.test(part)) {
      const modules = join(inImage(target, target.workdir), 'node_modules');
      if (!existsSync(modules)) symlinkSync(join(repo, 'node_modules'), modules);
      say(`    linked this checkout's node_modules instead of: ${part}`);
      continue;
    }
    kept.push(mapPaths(target, part));
  }
  if (kept.length === 0) return;
  const result = spawnSync('bash', ['-c', kept.join(' && ')], {
    cwd: inImage(target, target.workdir),
    // npm's cache in the work directory: `npm cache clean` must not empty this machine's.
    env: { ...process.env, ...target.env, npm_config_cache: join(work, 'npm-cache') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) fail(`RUN ${command} (exit ${result.status})`);
}

function copy(target, args) {
  const words = args.split(/\s+/);
  const from = words[0].startsWith('--from=') ? words.shift().slice('--from='.length) : null;
  const destination = words.pop();
  for (const source of words) {
    const origin = from
      ? (() => {
          const other = stages.get(from);
          if (!other) fail(`COPY --from=${from}: no such stage`);
          return resolveIn(other, source);
        })()
      : join(repo, source);
    if (!existsSync(origin)) fail(`COPY ${args}: ${source} does not exist`);
    const into = resolveIn(target, destination);
    const placed =
      destination.endsWith('/') || words.length > 1 ? join(into, source.split('/').pop()) : into;
    mkdirSync(dirname(placed), { recursive: true });
    cpSync(origin, placed, { recursive: true });
  }
}

let final;
for (const { keyword, args } of instructions(readFileSync(resolve(repo, dockerfile), 'utf8'))) {
  switch (keyword) {
    case 'FROM': {
      const [, name] = args.split(/\s+AS\s+/i);
      stage = {
        name: name ?? `stage${stages.size}`,
        root: join(work, name ?? `stage${stages.size}`),
        workdir: '/',
        env: {},
      };
      mkdirSync(stage.root, { recursive: true });
      stages.set(stage.name, stage);
      say(`stage ${stage.name} (${args.split(/\s+/)[0]}: this machine's Node ${process.version})`);
      final = stage;
      break;
    }
    case 'WORKDIR':
      stage.workdir = args;
      mkdirSync(inImage(stage, args), { recursive: true });
      break;
    case 'ENV':
      Object.assign(stage.env, envPairs(args));
      break;
    case 'COPY':
      say(`  COPY ${args}`);
      copy(stage, args);
      break;
    case 'RUN':
      say(`  RUN ${args}`);
      run(stage, args);
      break;
    case 'CMD':
      stage.cmd = JSON.parse(args);
      break;
    case 'HEALTHCHECK':
      stage.healthcheck = args.replace(/^(--\S+\s+)*CMD\s+/, '');
      break;
    case 'STOPSIGNAL':
      stage.stopsignal = args;
      break;
    case 'EXPOSE':
      stage.expose = Number(args);
      break;
    case 'USER':
    case 'VOLUME':
      stage[keyword.toLowerCase()] = args;
      break;
    default:
      fail(`instruction ${keyword} is not understood by this check`);
  }
}

if (!final?.cmd) fail('the last stage has no CMD');
if (final.expose && final.env.PORT && Number(final.env.PORT) !== final.expose)
  fail(`EXPOSE ${final.expose} but PORT=${final.env.PORT}`);
const port = await new Promise((done) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => done(free));
  });
});
const env = {
  PATH: process.env.PATH,
  ...final.env,
  // The configuration a container is given: its own port here, the data in the image's /data.
  HOST: '127.0.0.1',
  PORT: String(port),
  SYNC_DATA_DIR: inImage(final, final.env.SYNC_DATA_DIR ?? '/data'),
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
};
mkdirSync(env.SYNC_DATA_DIR, { recursive: true });
say(
  `start: ${final.cmd.join(' ')} (PORT=${port}, ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite in /data'})`,
);
const [command, ...commandArgs] = final.cmd;
const server = spawn(command, commandArgs, {
  cwd: inImage(final, final.workdir),
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
let exited = null;
const exitedPromise = new Promise((done) => server.on('exit', (code) => done((exited = code))));
let log = '';
server.stdout.on('data', (chunk) => (log += chunk));

async function get(path) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  } catch {
    return { status: 0, body: '' };
  }
}
const deadline = Date.now() + 120_000;
let health = await get('/healthz');
while (health.status !== 200 && exited === null && Date.now() < deadline) {
  await new Promise((done) => setTimeout(done, 500));
  health = await get('/healthz');
}
if (health.status !== 200) fail(`/healthz never answered 200 (exit ${exited})\n${log}`);
say(`  /healthz ${health.status} ${health.body}`);
const ready = await get('/readyz');
if (ready.status !== 200) fail(`/readyz answered ${ready.status} ${ready.body}`);
say(`  /readyz ${ready.status} ${ready.body}`);
if (!log.split('\n').some((line) => line.startsWith('{"time"'))) fail('no JSON log line on stdout');
if (final.healthcheck) {
  const check = spawnSync('bash', ['-c', final.healthcheck], { env, stdio: 'inherit' });
  if (check.status !== 0) fail(`HEALTHCHECK ${final.healthcheck} exited ${check.status}`);
  say(`  HEALTHCHECK passes`);
}
server.kill(final.stopsignal ?? 'SIGTERM');
const timer = setTimeout(() => fail(`${final.stopsignal} did not stop the server in 30 s`), 30_000);
const code = await exitedPromise;
clearTimeout(timer);
if (code !== 0) fail(`${final.stopsignal ?? 'SIGTERM'} ended the server with exit code ${code}`);
say(`  ${final.stopsignal ?? 'SIGTERM'}: exit 0`);
say(`Dockerfile check passed (${work})`);
