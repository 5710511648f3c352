// A local cloud of a test's own, for a test that changes what the shared one's other tests rely on
// (a county-wide setting): started as a child process like the jest clouds, stopped after the file.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadyInfo } from '@sifasuo/local-cloud';
import { eventually } from './cloud';

const REPO = join(__dirname, '..', '..');

export interface OwnCloud {
  ready: ReadyInfo;
  /** What the cloud has printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/** `args` replace the default `--ephemeral` (e.g. `--data-dir D --no-seed`); `env` adds to the test's. */
export async function startOwnCloud(opts: { args?: string[]; env?: Record<string, string> } = {}): Promise<OwnCloud> {
  const dir = mkdtempSync(join(tmpdir(), 'sifasuo-own-'));
  const readyFile = join(dir, 'ready.json');
  const out: string[] = [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'packages/local-cloud/src/main.ts'), ...(opts.args ?? ['--ephemeral']), '--port', '0', '--ready-file', readyFile, '--exit-with-parent'],
    { cwd: REPO, env: { ...process.env, ...opts.env, NODE_OPTIONS: '--openssl-legacy-provider', NODE_NO_WARNINGS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (c: Buffer) => out.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => out.push(c.toString()));
  const exited = new Promise((r) => child.on('exit', r));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  await eventually(async () => existsSync(readyFile) || child.exitCode !== null, 120_000, 200);
  if (!existsSync(readyFile)) {
    await stop();
    throw new Error(`local cloud did not start:\n${out.join('')}`);
  }
  return { ready: JSON.parse(readFileSync(readyFile, 'utf8')) as ReadyInfo, output: () => out.join(''), stop };
}
