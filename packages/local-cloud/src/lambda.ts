// The local "Lambda service": loads a function's module by its wiring entry (a .ts file, run by tsx)
// once, and invokes its `handler` with a Lambda-shaped context and the function's timeout.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { resourceName, type FunctionDecl } from '@sifasuo/wiring';
import { ACCOUNT, REGION, STAGE } from './config';

type Handler = (event: unknown, context: Context) => Promise<unknown> | unknown;

export class FunctionTimeoutError extends Error {
  constructor(fn: string, seconds: number) {
    super(`Task timed out after ${seconds} seconds (${fn})`);
  }
}

export class LambdaRuntime {
  private readonly modules = new Map<string, Promise<Handler>>();

  constructor(
    private readonly repoRoot: string,
    private readonly functions: ReadonlyMap<string, FunctionDecl>,
  ) {}

  fn(id: string): FunctionDecl {
    const fn = this.functions.get(id);
    if (!fn) throw new Error(`wiring: no function ${id}`);
    return fn;
  }

  entryPath(fn: FunctionDecl) {
    return isAbsolute(fn.entry) ? fn.entry : join(this.repoRoot, fn.entry);
  }

  entryExists(fn: FunctionDecl) {
    return existsSync(this.entryPath(fn));
  }

  load(fn: FunctionDecl): Promise<Handler> {
    let mod = this.modules.get(fn.id);
    if (!mod) {
      mod = import(pathToFileURL(this.entryPath(fn)).href).then((m: Record<string, unknown>) => {
        const h = m.handler ?? (m.default as Record<string, unknown> | undefined)?.handler;
        if (typeof h !== 'function') throw new Error(`${fn.entry} does not export a handler function`);
        return h as Handler;
      });
      // A failed import is retried on the next invocation (the file may be fixed meanwhile).
      mod.catch(() => this.modules.delete(fn.id));
      this.modules.set(fn.id, mod);
    }
    return mod;
  }

  /** Imports every existing entry in the background so the first request is fast; logs failures. */
  async prewarm(onError: (fn: FunctionDecl, err: unknown) => void) {
    for (const fn of this.functions.values()) {
      if (!this.entryExists(fn)) continue;
      await this.load(fn).catch((err) => onError(fn, err));
    }
  }

  async invoke(fnId: string, event: unknown): Promise<unknown> {
    const fn = this.fn(fnId);
    const handler = await this.load(fn);
    const started = Date.now();
    const deadline = started + fn.timeoutSeconds * 1000;
    const functionName = resourceName(STAGE, fn.id);
    const context: Context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
      memoryLimitInMB: String(fn.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: `local/${new Date().toISOString().slice(0, 10)}/${randomUUID().slice(0, 8)}`,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionTimeoutError(fn.id, fn.timeoutSeconds)), fn.timeoutSeconds * 1000);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
