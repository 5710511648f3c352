// Small process and network helpers shared by the emulator launchers.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export const HOST = '127.0.0.1';

export const log = (msg: string) => process.stderr.write(`[local-cloud] ${msg}\n`);

/** A free loopback port, found by binding port 0 and releasing it. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it resolves truthy or the deadline passes. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; failed?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const failure = opts.failed?.();
    if (failure) throw new Error(`${what}: ${failure}`);
    try {
      if (await probe()) return;
    } catch (err) {
      lastError = err;
    }
    await sleep(opts.intervalMs ?? 150);
  }
  throw new Error(`${what}: not ready after ${opts.timeoutMs} ms${lastError ? ` (${String(lastError)})` : ''}`);
}

/** Every child still running; killed synchronously if this process exits without stopping them. */
const live = new Set<ManagedChild>();
process.on('exit', () => {
  for (const c of live) c.killNow();
});

/** A child process whose output is kept in a ring buffer and shown only when it dies unexpectedly. */
export class ManagedChild {
  readonly proc: ChildProcess;
  private tail: string[] = [];
  private stopping = false;
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitPromise: Promise<void>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
  ) {
    this.proc = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.tail.push(line);
      if (this.tail.length > 60) this.tail.splice(0, this.tail.length - 60);
    };
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    this.exitPromise = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        this.exited = { code, signal };
        live.delete(this);
        if (!this.stopping) log(`${name} exited unexpectedly (code ${code}, signal ${signal}):\n${this.output()}`);
        resolve();
      });
      this.proc.on('error', (err) => {
        this.exited = { code: null, signal: null };
        live.delete(this);
        log(`${name} failed to start: ${err.message}`);
        resolve();
      });
    });
  }

  output() {
    return this.tail.map((l) => `    ${l}`).join('\n');
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    if (this.exited || this.proc.exitCode !== null) return;
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }

  /** Synchronous last-resort kill (used from process 'exit' handlers). */
  killNow() {
    this.stopping = true;
    if (!this.exited && this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}
