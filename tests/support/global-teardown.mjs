// Jest global teardown: stop the local cloud child started by global-setup.mjs and wait for it (it
// stops DynamoDB Local and cognito-local itself and deletes its ephemeral data folder).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalTeardown() {
  const state = globalThis.__SIFASUO_CLOUD__;
  if (!state) return;
  globalThis.__SIFASUO_CLOUD__ = undefined;
  const { child, exitPromise, dir, logStream } = state;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exitPromise;
    clearTimeout(killer);
  }
  logStream.end();
  rmSync(dir, { recursive: true, force: true });
  // What tests/support/probe-handler.ts recorded in that cloud process.
  rmSync(join(tmpdir(), `sifasuo-probe-${child.pid}.jsonl`), { force: true });
  delete process.env.SIFASUO_CLOUD;
}
