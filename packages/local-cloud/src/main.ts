// CLI: `tsx packages/local-cloud/src/main.ts [--port N] [--data-dir DIR] [--ephemeral] [--reset]
//       [--ready-file PATH] [--extra-wiring MODULE] [--no-seed] [--demo full|small] [--authorizer-cache-seconds N]`
// Started by `npm start` (scripts/start.sh) and by the jest global setup.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT, startLocalCloud, type ExtraWiring, type LocalCloud } from './cloud';
import { log } from './util';

// The AWS SDK's "Node 20 support ends in 2027" notice is printed once per client package; hide only it.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning?.message;
  const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
  if (type === 'NodeVersionSupportWarning' || /will require node >=22/.test(text ?? '')) return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    ephemeral: { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    'ready-file': { type: 'string' },
    'extra-wiring': { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    demo: { type: 'string' },
    'exit-with-parent': { type: 'boolean', default: false },
    'authorizer-cache-seconds': { type: 'string' },
  },
  strict: true,
});

if (!`${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`.includes('--openssl-legacy-provider')) {
  log('提示：未设置 NODE_OPTIONS=--openssl-legacy-provider，S3 分页列表会失败 / note: without --openssl-legacy-provider s3rver paging fails');
}

const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  log(`invalid port: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}
const cacheArg = values['authorizer-cache-seconds'];
const authorizerCacheSeconds = cacheArg === undefined ? undefined : Number(cacheArg);
if (authorizerCacheSeconds !== undefined && !(Number.isFinite(authorizerCacheSeconds) && authorizerCacheSeconds >= 0 && authorizerCacheSeconds <= 3600)) {
  log(`invalid --authorizer-cache-seconds: ${cacheArg} (0–3600)`);
  process.exit(2);
}
const demo = values.demo;
if (demo !== undefined && demo !== 'full' && demo !== 'small') {
  log(`invalid --demo: ${demo} (full or small)`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? join(REPO_ROOT, '.local-data'));
if (values.reset && !values.ephemeral) {
  // Tables, objects, checkpoints, demo seed record and the signing key (so every session ends) go.
  log(`--reset: wiping ${dataDir}`);
  rmSync(dataDir, { recursive: true, force: true });
}

let extraWiring: ExtraWiring | undefined;
if (values['extra-wiring']) {
  const mod = (await import(pathToFileURL(resolve(values['extra-wiring'])).href)) as { extraWiring?: ExtraWiring; default?: ExtraWiring };
  extraWiring = mod.extraWiring ?? mod.default;
}

let cloud: LocalCloud | undefined;
let stopping: Promise<void> | undefined;
const shutdown = (why: string, code = 0) => {
  if (!stopping) {
    log(`stopping (${why})…`);
    stopping = (cloud?.stop() ?? Promise.resolve()).then(
      () => process.exit(code),
      (err) => {
        log(`stop failed: ${err}`);
        process.exit(1);
      },
    );
    setTimeout(() => process.exit(code || 1), 15_000).unref();
  }
  return stopping;
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(sig));
process.on('uncaughtException', (err) => {
  log(`uncaught exception: ${err.stack ?? err}`);
});
process.on('unhandledRejection', (err) => {
  log(`unhandled rejection: ${(err as Error)?.stack ?? err}`);
});

if (values['exit-with-parent']) {
  // Started by a test runner: never outlive it, even if it is killed without running its teardown.
  const parent = process.ppid;
  setInterval(() => {
    try {
      process.kill(parent, 0);
      if (process.ppid !== parent) throw new Error('reparented');
    } catch {
      void shutdown('parent process gone');
    }
  }, 1000).unref();
}

try {
  cloud = await startLocalCloud({
    port,
    dataDir,
    ephemeral: values.ephemeral,
    readyFile: values['ready-file'],
    extraWiring,
    // Test runs (the only ones with extra wiring) may inject faults.
    faults: Boolean(extraWiring),
    seed: !values['no-seed'],
    demo,
    authorizerCacheSeconds,
  });
  if (stopping) await cloud.stop();
} catch (err) {
  log(`启动失败 / start failed: ${(err as Error)?.stack ?? err}`);
  if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    log(`端口 ${port} 已被占用，可用 PORT=3001 npm start 换一个 / port ${port} is in use; try PORT=3001 npm start`);
  }
  process.exit(1);
}
