// Jest global teardown: stop the local cloud child started by global-setup.mjs and wait for it (it
// stops DynamoDB Local itself and deletes its ephemeral data folder, signing key included).
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalTeardown() {
  const clouds = globalThis.__SIFASUO_CLOUDS__ ?? [];
  globalThis.__SIFASUO_CLOUDS__ = undefined;
  await Promise.all(clouds.map(stop));
}

async function stop({ child, exitPromise, dir, logStream, project }) {
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
  delete process.env[`SIFASUO_CLOUD_${project.toUpperCase()}`];
}
