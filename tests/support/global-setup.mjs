// Jest global setup: start a local cloud per run for each of the integration, generated and e2e projects the run
// includes, as child processes (`main.ts --ephemeral --port 0`), wait for their ready files, and
// publish the paths for the test workers (tests/support/cloud.ts reads them). Set SIFASUO_CLOUD
// yourself to point every test at a local cloud that is already running.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// No import.meta here: jest may hand this file to its (CommonJS) transformer. The root is jest's rootDir.
const CLOUD_PROJECTS = ['integration', 'generated', 'e2e'];
const START_TIMEOUT_MS = 120_000;
/**
 * The test clouds reuse an authorizer answer this long (30 s in AWS and under `npm start`), so tests of
 * what a session change does wait seconds, not half a minute; the ready file says it
 * (`authorizerCacheSeconds`), for tests to wait exactly past it.
 */
const AUTHORIZER_CACHE_SECONDS = 2;

const testFiles = (dir) => {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => /\.test\.[cm]?[jt]s$/.test(f) && statSync(f).isFile());
};

/** Values of an array flag: `--name a b`, `--name=a --name b`. */
function cliList(argv, name) {
  const out = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith(`--${name}=`)) out.push(arg.slice(name.length + 3));
    else if (arg === `--${name}`) {
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) out.push(argv[++i]);
    }
  }
  return out;
}

/** Which of the projects with a cloud will this run execute? Decided from the flags jest was given. */
export function cloudProjects(globalConfig, ROOT = globalConfig.rootDir, argv = process.argv) {
  // jest 30 keeps --selectProjects / --ignoreProjects out of the globalConfig it passes here, so read
  // them from the command line of this (the main jest) process as well.
  const select = globalConfig.selectProjects ?? cliList(argv, 'selectProjects');
  const ignore = globalConfig.ignoreProjects ?? cliList(argv, 'ignoreProjects');
  const projects = CLOUD_PROJECTS.filter((p) => (select.length === 0 || select.includes(p)) && !ignore.includes(p));
  return projects.filter((p) => runsAnyFile(globalConfig, testFiles(join(ROOT, 'tests', p))));
}

function runsAnyFile(globalConfig, files) {
  if (files.length === 0) return false;
  // --findRelatedTests / --onlyChanged / --changedSince: the selection is not knowable here; be safe.
  if (globalConfig.findRelatedTests || globalConfig.onlyChanged || globalConfig.changedSince || globalConfig.lastCommit) return true;
  const tpp = globalConfig.testPathPatterns;
  const patterns = Array.isArray(tpp) ? tpp : (tpp?.patterns ?? (globalConfig.testPathPattern ? [globalConfig.testPathPattern] : []));
  if (patterns.length === 0) return true;
  const regexes = patterns.map((p) => {
    try {
      return new RegExp(p, 'i');
    } catch {
      return undefined;
    }
  });
  if (regexes.some((r) => r === undefined)) return true;
  return files.some((f) => regexes.some((r) => r.test(f)));
}

/**
 * Each project gets a cloud of its own, so that what integration tests write (new offices, users,
 * areas) never changes what the browser tests count and photograph. Its ready file's path goes to
 * SIFASUO_CLOUD_<PROJECT>; tests/support/cloud.ts picks the one of the project it runs in.
 */
export default async function globalSetup(globalConfig) {
  const given = process.env.SIFASUO_CLOUD;
  if (given) {
    if (!existsSync(given)) throw new Error(`SIFASUO_CLOUD=${given}: no such ready file`);
    return;
  }
  const projects = cloudProjects(globalConfig);
  globalThis.__SIFASUO_CLOUDS__ = [];
  await Promise.all(projects.map((project) => startCloud(globalConfig.rootDir, project)));
}

async function startCloud(ROOT, project) {
  const t0 = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'sifasuo-jest-'));
  const readyFile = join(dir, 'ready.json');
  const artifacts = join(ROOT, '.test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  const logFile = join(artifacts, `local-cloud-${project}.log`);
  const logStream = createWriteStream(logFile);
  const tail = [];
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx',
      join(ROOT, 'packages/local-cloud/src/main.ts'),
      '--ephemeral', '--port', '0', '--ready-file', readyFile, '--exit-with-parent',
      '--extra-wiring', join(ROOT, 'tests/support/test-wiring.ts'),
      '--authorizer-cache-seconds', String(AUTHORIZER_CACHE_SECONDS),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --openssl-legacy-provider`.trim(),
        NODE_NO_WARNINGS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk) => {
    logStream.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (tail.length > 80) tail.splice(0, tail.length - 80);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited;
  const exitPromise = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(); }));
  globalThis.__SIFASUO_CLOUDS__.push({ child, exitPromise, dir, logStream, project });

  const fail = async (why) => {
    if (!exited) {
      child.kill('SIGTERM');
      await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 10_000))]);
    }
    logStream.end();
    throw new Error(`local cloud did not start: ${why}\n--- local cloud output (full log: ${logFile}) ---\n${tail.join('\n')}`);
  };
  while (!existsSync(readyFile)) {
    if (exited) await fail(`exited with code ${exited.code} (signal ${exited.signal})`);
    if (Date.now() - t0 > START_TIMEOUT_MS) await fail(`not ready after ${START_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = JSON.parse(readFileSync(readyFile, 'utf8'));
  process.env[`SIFASUO_CLOUD_${project.toUpperCase()}`] = readyFile;
  process.stderr.write(`\n[jest] ${project} local cloud up at ${ready.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s (log: ${logFile})\n`);
}
