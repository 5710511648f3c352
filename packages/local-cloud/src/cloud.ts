// startLocalCloud: the whole product on one machine. Emulators on free loopback ports, resources
// created from the wiring, the data folder's session-signing key, handler modules loaded with the same
// environment they get in AWS, a local API gateway with the session authorizer, event bus, SQS pollers
// and cron runner. Everything stops with `stop()`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as wiring from '@sifasuo/wiring';
import type { EventDecl, EventRuleDecl, FunctionDecl, QueueDecl, ScheduleDecl, SeedEvent, SeedResult } from '@sifasuo/wiring';
import { actorFromAuthorizer, canAdministerOrg, PRIVILEGED_ROLES, ROLE_LABELS } from '@sifasuo/domain';
import { REGION, STAGE, localCredentials } from './config';
import { startCron, type CronHandle } from './cron';
import { ensureTables, startDynamo, type DynamoHandle, type LocalTableDecl } from './dynamodb';
import { startEventBus, type EventBusHandle } from './eventbus';
import { simpleResponse, startGateway, type GatewayHandle, type GatewayRoute } from './gateway';
import { LambdaRuntime } from './lambda';
import { startPollers, type PollerHandle } from './pollers';
import { startS3, type S3Handle } from './s3';
import { ensureSigningKey } from './signing-key';
import { ensureQueues, startSqs } from './sqs';
import { startStreamPollers, type StreamPollerHandle } from './streams';
import { freePort, log } from './util';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Extra declarations appended to the production wiring (tests only; production wiring is untouched). */
export interface ExtraWiring {
  /** Test tables: any id, `env` is set for every function like the wiring's tables; `outbox` gets its forwarder. */
  tables?: LocalTableDecl[];
  events?: EventDecl[];
  /** Test functions; one of kind `authorizer` serves only the test routes that name it. */
  functions?: FunctionDecl[];
  /** Test routes; `authorizer` names a test authorizer function instead of the wiring's. */
  routes?: GatewayRoute[];
  queues?: QueueDecl[];
  eventRules?: EventRuleDecl[];
  schedules?: ScheduleDecl[];
}

export interface LocalCloudOptions {
  repoRoot?: string;
  /** Persistent data folder; default `<repo>/.local-data`. */
  dataDir?: string;
  /** Use a temporary data folder, deleted at stop. */
  ephemeral?: boolean;
  /** Gateway port; default 3000; 0 picks a free one. */
  port?: number;
  readyFile?: string;
  extraWiring?: ExtraWiring;
  /** Seed the demo county on first start (default true). */
  seed?: boolean;
  /** How much demo data the seeds write (`SeedEvent`); default `small` for an ephemeral cloud, else `full`. */
  demo?: SeedEvent['demo'];
  /**
   * Run the schedules on the wall clock (default: not for an ephemeral cloud). A thrown-away cloud runs
   * them only when asked (`POST /__local/schedules/{id}/run`), so what a test sees never depends on
   * the time of day: the audit digest's real 01:10 run once chained today ahead of a test's past day.
   */
  cron?: boolean;
  /** Print the start-up banner (default true). */
  banner?: boolean;
  /** Offer `POST /__local/faults` (fault injection for test runs; never for `npm start`). */
  faults?: boolean;
  /**
   * How long the gateway reuses the authorizer's answer for one `Authorization` value (default the
   * wiring's `AUTHORIZER_CACHE_SECONDS`, as in AWS; test clouds use a short one; 0 = never).
   */
  authorizerCacheSeconds?: number;
}

export interface DemoLogin {
  username: string;
  role: string;
  unit: string;
}

export interface ReadyInfo {
  url: string;
  apiUrl: string;
  dataDir: string;
  endpoints: { dynamodb: string; s3: string; sqs: string; eventbridge: string };
  /** The data folder's session-signing key (EC P-256, PKCS8 PEM, 0600): `SIGNING_KEY=file:<this>`. */
  signingKeyFile: string;
  /** Seconds the gateway reuses an authorizer answer per `Authorization` value. */
  authorizerCacheSeconds: number;
  demoPassword: string | null;
  demoUsers: DemoLogin[];
  pid: number;
  startupSeconds: number;
}

export interface LocalCloud extends ReadyInfo {
  runtime: LambdaRuntime;
  runSchedule(id: string, at?: Date): Promise<unknown>;
  stop(): Promise<void>;
}

interface SeedFile {
  demoPassword?: string;
  users: DemoLogin[];
  /** Seed functions that have run (a file without it predates the list: all run again, as seeds may). */
  done?: string[];
  /** The folder's demo clock, fixed at the first seeding and given to every seed (`SeedEvent.clock`). */
  clock?: string;
}

function acquireLock(dataDir: string) {
  const lock = join(dataDir, '.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new Error(
        `数据目录 ${dataDir} 正被另一个本地云进程 (pid ${pid}) 使用 / data folder in use by another local cloud (pid ${pid})`,
      );
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const t0 = Date.now();
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const extra = options.extraWiring ?? {};
  const dataDir = options.ephemeral
    ? mkdtempSync(join(tmpdir(), 'sifasuo-cloud-'))
    : resolve(options.dataDir ?? join(repoRoot, '.local-data'));
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = acquireLock(dataDir);
  // If the process exits mid-start (Ctrl-C during start-up), still drop the lock and a temp folder.
  const onExit = () => {
    releaseLock();
    if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };
  process.on('exit', onExit);

  // The kit's parts (outbox forwarders) for test tables too; the production wiring has its own already.
  const extraKit = wiring.withKit(extra.tables ?? [], extra.functions ?? []);
  const allTables: LocalTableDecl[] = [...wiring.tables, ...extraKit.tables];
  const allFunctions = [...wiring.functions, ...extraKit.functions];
  const allRoutes: GatewayRoute[] = [...wiring.routes, ...(extra.routes ?? [])];
  const allQueues = [...wiring.queues, ...(extra.queues ?? [])];
  const allRules = [...wiring.eventRules, ...(extra.eventRules ?? [])];
  const allSchedules = [...wiring.schedules, ...(extra.schedules ?? [])];
  // The wiring has one authorizer; test authorizers serve only the test routes that name them.
  const testAuthorizers = new Set(extraKit.functions.filter((f) => f.kind === 'authorizer').map((f) => f.id));
  wiring.checkWiring({
    tables: allTables, buckets: wiring.buckets, functions: allFunctions.filter((f) => !testAuthorizers.has(f.id)), routes: allRoutes,
    queues: allQueues, eventRules: allRules, schedules: allSchedules, events: [...wiring.events, ...(extra.events ?? [])], seeds: wiring.seeds,
  });
  for (const r of allRoutes) {
    if (r.authorizer && !testAuthorizers.has(r.authorizer)) throw new Error(`wiring: ${wiring.routeKey(r)}: no test authorizer ${r.authorizer}`);
  }
  const authorizerId = wiring.authorizerFunction().id;
  const authorizerCacheSeconds = options.authorizerCacheSeconds ?? wiring.AUTHORIZER_CACHE_SECONDS;
  if (!Number.isFinite(authorizerCacheSeconds) || authorizerCacheSeconds < 0) throw new Error(`authorizerCacheSeconds: ${authorizerCacheSeconds}`);

  const cleanups: Array<() => Promise<void> | void> = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (err) {
        log(`stop: ${(err as Error).message}`);
      }
    }
    process.off('exit', onExit);
    onExit();
  };

  try {
    // 1. The data folder's signing key (KMS in AWS), then the emulators, in parallel.
    const signingKeyFile = ensureSigningKey(dataDir, log);
    const [dynamoPort, s3Port] = await Promise.all([freePort(), freePort()]);
    const started = await Promise.allSettled([
      startDynamo(options.ephemeral ? undefined : join(dataDir, 'dynamodb'), dynamoPort),
      startS3(dataDir, s3Port, wiring.buckets, STAGE),
      startSqs(0),
    ] as const);
    for (const s of started) if (s.status === 'fulfilled') cleanups.push(() => s.value.stop());
    const failure = started.find((s) => s.status === 'rejected');
    if (failure) throw (failure as PromiseRejectedResult).reason;
    const dynamo = (started[0] as PromiseFulfilledResult<DynamoHandle>).value;
    const s3 = (started[1] as PromiseFulfilledResult<S3Handle>).value;
    const sqs = (started[2] as PromiseFulfilledResult<Awaited<ReturnType<typeof startSqs>>>).value;
    const tEmulators = Date.now();
    // A folder from before our own identity service: cognito-local's files are of no use any more (the
    // seeds, run again below, give the demo accounts their passwords in the auth table).
    rmSync(join(dataDir, 'cognito'), { recursive: true, force: true });

    // 2. Resources from the wiring (idempotent).
    const [, queues] = await Promise.all([ensureTables(dynamo.client, allTables, STAGE), ensureQueues(sqs.client, allQueues, STAGE)]);

    // 3. Event bus (needs the queues), then the environment the handler modules read. Every function
    // runs in this one process, so process.env is the union of their environments: the signing key is
    // given only to functions declaring `signing`, and visible (unlike in AWS) to the others too.
    const rules = allRules.map((r) => ({ id: r.id, targetQueue: r.targetQueue, pattern: wiring.patternOf(r, allTables) }));
    const bus: EventBusHandle = await startEventBus({ port: 0, rules, sqs: sqs.wire, queues });
    cleanups.push(() => bus.stop());
    const names = { signingKey: `file:${signingKeyFile}` };
    // No CloudFront here: an origin secret left in the shell (from a deployment) would refuse every request.
    if (process.env[wiring.ENV.originSecret]) log(`${wiring.ENV.originSecret} is set in this shell; the local cloud ignores it (no CloudFront locally)`);
    delete process.env[wiring.ENV.originSecret];
    Object.assign(process.env, {
      ...Object.assign({}, ...allFunctions.map((fn) => wiring.functionEnvironment(STAGE, names, fn))),
      ...Object.fromEntries((extra.tables ?? []).map((t) => [wiring.tableEnv(t.id), wiring.resourceName(STAGE, t.id)])),
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
      [wiring.ENV.localS3]: '1',
      POWERTOOLS_DEV: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL || 'WARN',
    });
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_SESSION_TOKEN;

    // 4. Lambda runtime, consumers, schedules, gateway.
    const runtime = new LambdaRuntime(repoRoot, new Map(allFunctions.map((f) => [f.id, f])));
    for (const r of allRoutes) runtime.fn(r.function);
    runtime.fn(authorizerId);
    for (const q of allQueues) runtime.fn(q.consumer);
    for (const t of allTables) if (t.stream) runtime.fn(t.stream.consumer);
    const pollers: PollerHandle = startPollers({ sqs: sqs.wire, queues, runtime });
    cleanups.push(() => pollers.stop());
    const streams: StreamPollerHandle = startStreamPollers({
      endpoint: dynamo.endpoint, tables: allTables, stage: STAGE, runtime, checkpointFile: join(dataDir, 'streams.json'),
    });
    cleanups.push(() => streams.stop());
    const cron: CronHandle = startCron(allSchedules, runtime, { onClock: options.cron ?? !options.ephemeral });
    cleanups.push(() => cron.stop());

    const admin = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const chunks: Buffer[] = [];
      for await (const c of req) {
        chunks.push(c as Buffer);
        if (chunks.reduce((n, b) => n + b.length, 0) > 64 * 1024) break;
      }
      /** The body as a JSON object (`{}` when empty); answers 400 and gives undefined when it is not one. */
      const jsonBody = (): Record<string, unknown> | undefined => {
        const text = Buffer.concat(chunks).toString('utf8').trim();
        try {
          const parsed: unknown = text ? JSON.parse(text) : {};
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
        } catch {
          // answered below
        }
        json(400, { code: 'VALIDATION', message: '请求体不是有效的 JSON' });
        return undefined;
      };
      if (path === '/__local/health' && req.method === 'GET') {
        json(200, { status: 'ok', uptimeSeconds: Math.round(process.uptime()), queues: Object.fromEntries(pollers.stats), streams: Object.fromEntries(streams.stats) });
        return true;
      }
      if (options.faults && path === '/__local/faults' && req.method === 'POST') {
        // `{"eventbridgeFailEntries": n, "match": "…"}`: the bus refuses the next n matching entries.
        const body = jsonBody();
        if (!body) return true;
        if (typeof body.eventbridgeFailEntries === 'number') bus.failNextEntries(body.eventbridgeFailEntries, String(body.match ?? ''));
        json(200, { ok: true });
        return true;
      }
      const m = /^\/__local\/schedules\/([^/]+)\/run$/.exec(path);
      if (m && req.method === 'POST') {
        // Running a job is the county admin's: the session token is checked by the wiring's authorizer.
        const header = req.headers.authorization;
        const answer = header
          ? simpleResponse(await runtime.invoke(authorizerId, { version: '2.0', type: 'REQUEST', routeKey: 'POST /__local/schedules', headers: { authorization: header }, identitySource: [header] }))
          : undefined;
        const actor = answer?.isAuthorized ? actorFromAuthorizer(answer.context) : undefined;
        if (!actor) {
          json(401, { code: 'UNAUTHENTICATED', message: '请以系统管理员身份登录后运行计划任务' });
          return true;
        }
        if (!canAdministerOrg(actor)) {
          json(403, { code: 'FORBIDDEN', message: '仅系统管理员可运行计划任务' });
          return true;
        }
        const id = decodeURIComponent(m[1]!);
        if (!cron.has(id)) {
          json(404, { code: 'NOT_FOUND', message: `没有计划任务 ${id}` });
          return true;
        }
        // Optional body `{"time":"<ISO>"}`: run as if the schedule fired at that instant.
        const body = jsonBody();
        if (!body) return true;
        let at: Date | undefined;
        if (body.time !== undefined) {
          at = new Date(String(body.time));
          if (Number.isNaN(at.getTime())) {
            json(400, { code: 'VALIDATION', message: 'time 不是有效的时间', fields: { time: '时间格式无效' } });
            return true;
          }
        }
        try {
          const result = await cron.run(id, at);
          json(200, { schedule: id, result: result ?? null });
        } catch (err) {
          log(`schedule ${id} failed: ${(err as Error)?.stack ?? err}`);
          json(500, { code: 'INTERNAL', message: '计划任务执行失败，详情见本地云日志' });
        }
        return true;
      }
      return false;
    };

    // Import handler modules now so the first request is fast and a broken module is reported early.
    await runtime.prewarm((fn, err) => log(`function ${fn.id} (${fn.entry}) failed to load: ${(err as Error)?.stack ?? err}`));

    // 5. Demo county, once per data folder — before the gateway listens, so a healthy API has its users.
    // Each context's declared seed function runs like any function, in context order, once: the ones
    // done are recorded, so a context joined later has its seed run at the next start of the folder.
    const demo = options.demo ?? (options.ephemeral ? 'small' : 'full');
    const seeded = options.seed === false ? readSeedFile(dataDir) : await runSeeds(dataDir, runtime, { seed: true, demo });

    const gateway: GatewayHandle = await startGateway({
      port: options.port ?? 3000,
      routes: allRoutes,
      runtime,
      authorizer: { functionId: authorizerId, cacheSeconds: authorizerCacheSeconds },
      webDist: join(repoRoot, 'web', 'dist'),
      admin,
    });
    cleanups.push(() => gateway.stop());

    const info: ReadyInfo = {
      url: gateway.url,
      apiUrl: `${gateway.url}/api`,
      dataDir,
      endpoints: { dynamodb: dynamo.endpoint, s3: s3.endpoint, sqs: sqs.endpoint, eventbridge: bus.endpoint },
      signingKeyFile,
      authorizerCacheSeconds,
      demoPassword: seeded?.demoPassword ?? null,
      demoUsers: seeded?.users ?? [],
      pid: process.pid,
      startupSeconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
    };
    if (options.banner !== false) printBanner(info, (tEmulators - t0) / 1000, !existsSync(join(repoRoot, 'web', 'dist', 'index.html')));
    if (options.readyFile) {
      const tmp = `${options.readyFile}.tmp-${process.pid}`;
      mkdirSync(dirname(resolve(options.readyFile)), { recursive: true });
      writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`);
      renameSync(tmp, options.readyFile);
      cleanups.unshift(() => rmSync(options.readyFile!, { force: true }));
    }
    return { ...info, runtime, runSchedule: (id, at) => cron.run(id, at), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

const readSeedFile = (dataDir: string): SeedFile | undefined => {
  const file = join(dataDir, 'seeded.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SeedFile) : undefined;
};

/** Runs the seeds not yet done, recording each as it completes; a seed that fails (to load or to run) stops the start. */
async function runSeeds(dataDir: string, runtime: LambdaRuntime, event: SeedEvent): Promise<SeedFile | undefined> {
  const before = readSeedFile(dataDir);
  // One instant for every seed of the folder, kept so a seed joined later builds from the same one.
  const clock = before?.clock ?? event.clock ?? new Date().toISOString();
  const record: SeedFile = { demoPassword: before?.demoPassword, users: [...(before?.users ?? [])], done: before?.done ?? [], clock };
  const pending = wiring.seeds.filter((id) => !record.done!.includes(id));
  if (!pending.length) return before;
  const tSeed = Date.now();
  let ran = 0;
  for (const id of pending) {
    const t = Date.now();
    const result = ((await runtime.invoke(id, { ...event, clock })) ?? {}) as SeedResult;
    record.demoPassword ??= result.demoPassword;
    const logins = result.logins ?? [];
    record.users = [...record.users.filter((u) => !logins.some((l) => l.username === u.username)), ...logins];
    record.done!.push(id);
    ran++;
    const file = join(dataDir, 'seeded.json');
    writeFileSync(file, `${JSON.stringify({ seededAt: new Date().toISOString(), ...record }, null, 2)}\n`);
    log(`seed ${id}: ${result.summary ?? 'done'} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }
  if (ran) log(`demo county seeded in ${((Date.now() - tSeed) / 1000).toFixed(1)} s`);
  return ran ? record : before;
}

function printBanner(info: ReadyInfo, emulatorSeconds: number, portalMissing: boolean) {
  const lines = [
    '',
    '  司法所工作管理系统 · 本地云已启动 / local cloud is up',
    '',
    `  门户 Portal      ${info.url}/${portalMissing ? '   (门户未构建 / portal not built: npm run build -w web)' : ''}`,
    `  接口 API health  ${info.apiUrl}/health`,
    `  数据 Data        ${info.dataDir}`,
    '',
  ];
  if (info.demoUsers.length) {
    lines.push(`  演示账号 Demo logins (共用密码 shared password: ${info.demoPassword})`);
    const width = (t: string) => [...t].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
    const pad = (t: string, n: number) => t + ' '.repeat(Math.max(0, n - width(t)));
    const w = Math.max(width('用户名'), ...info.demoUsers.map((u) => width(u.username)));
    const r = Math.max(width('角色'), ...info.demoUsers.map((u) => width(u.role)));
    lines.push(`    ${pad('用户名', w)}  ${pad('角色', r)}  单位`);
    for (const u of info.demoUsers) lines.push(`    ${pad(u.username, w)}  ${pad(u.role, r)}  ${u.unit}`);
    const privileged = PRIVILEGED_ROLES.map((role) => ROLE_LABELS[role]).join('、');
    lines.push(
      `  两步验证：本地演示县不要求特权角色（${privileged}）使用两步验证；正式部署的环境默认要求。`,
      '  县系统管理员可在「系统管理 → 登录安全」中开启。',
    );
  } else {
    lines.push('  演示账号尚未写入 / no demo logins yet (no seed has given any)');
  }
  lines.push(
    '',
    `  启动用时 Started in ${info.startupSeconds.toFixed(1)} s (emulators ${emulatorSeconds.toFixed(1)} s) · Ctrl-C 停止 / to stop`,
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
