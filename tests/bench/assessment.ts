// The monthly run end to end (`BENCH_ONLY=assessment npm run bench`; registered in run.ts): its own
// local cloud; N offices in the org table (the small demo's 49, then synthetic ones) and about 20
// facts each written straight to the assessment ledger in the ledger's item shape (what the ledger
// consumer stores); then POST /api/assessment/runs as the demo leader and poll the run until it is
// scored. Printed: the run's time and offices/s, against the raw DynamoDB Local throughput measured
// in the same run just before and after it (averaged) — the same number of Query calls of the same
// partitions (each office's facts of the month), as many at once as the scorer reads them
// (FACT_READS_AT_ONCE). Targets (issue 10, "Numbers"): 49 offices under 2 s (a county's run: its
// fixed costs — the POST, the batching window, the ranking — outweigh 49 queries, so its ratio is
// shown, not judged); from 2,000 offices, offices/s at least 0.5 × the raw queries/s; with
// BENCH_LARGE=1, 20,000 and 40,000 offices and the 2,000 → 20,000 time ratio at most 11.
// Each size first runs once as a warm-up, printed; its ratio is not judged: the raw side's client is
// warm from writing the facts, while the cloud's first run of a size spends 15–20 % more CPU in every
// part alike (the SDK, HTTP, scoring: V8 still optimising that code at this scale), so only warm runs
// compare. The 49 offices' time is judged cold too: a county's first run after a start is that one.
// BENCH_RUN_TIMEOUT_S bounds one run (default an hour).
import { cpus, loadavg } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { makeFact, nextMonthOf, OFFICE_ID, OFFICE_PARTITION, type FactKind, type LoginStep, type Office, type ScorableFact } from '@sifasuo/domain';
import { keys as assessmentKeys, type FactItem } from '../../functions/src/assessment/keys';
import { FACT_READS_AT_ONCE } from '../../functions/src/assessment/scorer';
import { keys as orgKeys } from '../../functions/src/org/repository';
import { chunksOf, forEachInParallel } from '../../functions/src/shared/parallel';

export interface BenchCloud {
  ready: { url: string; endpoints: { dynamodb: string }; demoPassword: string };
  stop: () => Promise<void>;
}

const ORG = 'sifasuo-local-org';
const ASSESSMENT = 'sifasuo-local-assessment';
const WRITE_PARALLEL = 8;
const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_S ?? 3_600) * 1000;
const TARGETS = { small: 2_000, ratio: 0.5, growth: 11 };
const fmt = (n: number, d = 1) => n.toFixed(d);

/** Office ids: the domain's are 4 digits (OFFICE_ID), enough for 9,000 synthetic ones; a province's go wider (6 digits, never a demo id). */
export const syntheticOfficeId = (n: number) => (n < 9_000 ? String(1_000 + n) : String(100_000 + n));

export const syntheticOffice = (n: number, updatedAt: string): Office => {
  const id = syntheticOfficeId(n);
  return { id, name: `压测${id}司法所`, township: `压测${id}乡`, areaId: String(10 + (n % 90)), officeClass: n % 7 === 0 ? 'central' : 'regular', version: 1, updatedAt };
};

/** An instant on `day` of `month`, 10:00 Shanghai, plus `minutes`. */
const on = (month: string, day: number, minutes = 0) => new Date(Date.parse(`${month}-${String(day).padStart(2, '0')}T10:00:00+08:00`) + minutes * 60_000).toISOString();
const endOf = (month: string, day: number) => new Date(Date.parse(`${month}-${String(day).padStart(2, '0')}T23:59:59.999+08:00`)).toISOString();

/**
 * An office's month in about 20 facts, touching every kind of rule: the three reports (some late),
 * information, news and a typical case, two half-monthly screenings, closed cases and their online
 * entry, a publicity event, a legal-aid case, four study sessions, now and then an absence.
 */
export const syntheticFacts = (officeId: string, month: string, n: number): ScorableFact[] => {
  const next = nextMonthOf(month);
  const late = n % 9 === 0;
  const ref = (type: string, id: string) => ({ context: 'bench', type, id: `${officeId}-${month}-${id}` });
  // The fact schema takes 4-digit office ids only: a wider synthetic id is put in after the check (the ledger's items are not checked again).
  const fact = (kind: FactKind, occurredAt: string, type: string, id: string, extra: Partial<ScorableFact> = {}): ScorableFact =>
    ({ ...makeFact({ kind, officeId: OFFICE_ID.test(officeId) ? officeId : '0000', month, occurredAt, ref: ref(type, id), ...extra }), officeId });
  return [
    fact('mediation.report.submitted', on(next, late ? 6 : 2), 'screening-report', 'r', { dueAt: endOf(next, 3) }),
    fact('registers.platform-data.confirmed', on(next, 2), 'report', 'p', { dueAt: endOf(next, 3) }),
    fact('registers.feedback.submitted', on(next, late ? 8 : 4), 'report', 'f', { dueAt: endOf(next, 5) }),
    fact('registers.information.submitted', on(month, 8), 'information', 'i1'),
    fact('registers.information.submitted', on(month, 20), 'information', 'i2'),
    fact('mediation.news.submitted', on(month, 12), 'submission', 'n1'),
    fact('mediation.typical-case.submitted', on(month, 18), 'submission', 't1'),
    fact('mediation.screening.submitted', on(month, 14), 'screening', 's1', { dueAt: endOf(month, 15) }),
    fact('mediation.screening.submitted', on(month, 27), 'screening', 's2', { dueAt: endOf(month, 28) }),
    fact('mediation.case.closed', on(month, 10), 'case', 'c1', { quantity: 1 }),
    fact('mediation.case.closed', on(month, 22), 'case', 'c2', { quantity: n % 5 === 0 ? 0 : 1 }),
    fact('mediation.case.entered-online', on(month, 11), 'case', 'c1', { dueAt: endOf(next, 3) }),
    fact('mediation.case.entered-online', on(late ? next : month, late ? 7 : 23), 'case', 'c2', { dueAt: endOf(next, 3) }),
    fact('registers.publicity.held', on(month, 15), 'publicity', 'pub'),
    fact('registers.legal-aid.received', on(month, 9), 'legal-aid', 'la', { dueAt: endOf(next, 3) }),
    fact('registers.legal-aid.entered-online', on(month, 16), 'legal-aid', 'la', { dueAt: endOf(next, 3) }),
    ...[3, 10, 17, 24].map((d) => fact('registers.study.held', on(month, d), 'study', `st${d}`)),
    ...(n % 6 === 0 ? [fact('registers.absence.unexcused', on(month, 19), 'absence', 'ab')] : []),
  ];
};

/** The ledger's item for a fact as recorded (keys.ts: the latest recording, no retraction). */
export const ledgerItem = (f: ScorableFact): Record<string, unknown> => {
  const stored: FactItem = { fact: f, occurredAt: f.occurredAt, kind: f.kind };
  return { ...assessmentKeys.fact(f), ...assessmentKeys.factByKind(f), entity: 'fact', ...stored };
};

async function writeAll(doc: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) {
  await forEachInParallel(chunksOf(items, 25), WRITE_PARALLEL, async (batch) => {
    let requests = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const r = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (r.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  });
}

/** Every office's facts of the month, one Query each (all pages), FACT_READS_AT_ONCE in flight as the scorer reads them. */
async function rawQueries(doc: DynamoDBDocumentClient, officeIds: readonly string[], month: string) {
  const t0 = performance.now();
  let items = 0;
  await forEachInParallel(officeIds, FACT_READS_AT_ONCE, async (id) => {
    let start: Record<string, unknown> | undefined;
    do {
      const r = await doc.send(new QueryCommand({
        TableName: ASSESSMENT, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': assessmentKeys.facts(id, month).PK }, ExclusiveStartKey: start,
      }));
      items += r.Items?.length ?? 0;
      start = r.LastEvaluatedKey;
    } while (start);
  });
  return { ms: performance.now() - t0, items };
}

interface RunReply { runId: string }
interface RunState { status: string; done: number; total: number }
type Api = <T>(method: string, path: string, token: string | undefined, body?: unknown) => Promise<T>;

/**
 * POST a month's run and ask for it until it is no longer running. Answers, in ms from the POST: when
 * it was answered, the first and the last score, and the end (ranked).
 */
async function timedRun(api: Api, token: string, month: string, size: number) {
  const t0 = performance.now();
  const { runId } = await api<RunReply>('POST', '/api/assessment/runs', token, { month });
  const accepted = performance.now() - t0;
  let run: RunState;
  let firstScore: number | undefined;
  let allScored: number | undefined;
  for (;;) {
    run = await api<RunState>('GET', `/api/assessment/runs/${runId}`, token);
    if (run.done > 0) firstScore ??= performance.now() - t0;
    if (run.done >= run.total) allScored ??= performance.now() - t0;
    if (run.status !== 'running') break;
    if (performance.now() - t0 > RUN_TIMEOUT_MS) throw new Error(`run ${runId} still running after ${RUN_TIMEOUT_MS / 1000} s (${run.done}/${run.total})`);
    // Asking costs the cloud a request (and DynamoDB Local a read): often for a short run, less for a long one.
    await new Promise((r) => setTimeout(r, size <= 2_000 ? 50 : 250));
  }
  const ms = performance.now() - t0;
  if (run.status !== 'scored' || run.done !== size || run.total !== size) throw new Error(`run ${runId}: ${run.status}, ${run.done}/${run.total} of ${size} offices`);
  return { accepted, firstScore: firstScore ?? ms, allScored: allScored ?? ms, ms };
}

export async function assessmentBench(startCloud: () => Promise<BenchCloud>) {
  // BENCH_ASSESSMENT_SIZES=49,500 measures other sizes (ascending, from 49: the county's offices come first).
  const sizes = process.env.BENCH_ASSESSMENT_SIZES
    ? process.env.BENCH_ASSESSMENT_SIZES.split(',').map(Number)
    : [49, 2_000, ...(process.env.BENCH_LARGE === '1' ? [20_000, 40_000] : [])];
  if (sizes[0] !== 49 || sizes.some((n, i) => !Number.isInteger(n) || (i > 0 && n <= sizes[i - 1]!))) throw new Error(`BENCH_ASSESSMENT_SIZES: ascending whole numbers from 49, not ${sizes.join(',')}`);
  const { ready, stop } = await startCloud();
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: ready.endpoints.dynamodb, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const api: Api = async <T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> => {
    const r = await fetch(`${ready.url}${path}`, {
      method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<T>;
  };
  try {
    // Signed in afresh for each size: writing a province's facts outlasts an access token.
    const signIn = async () => {
      const step = await api<LoginStep>('POST', '/api/auth/login', undefined, { username: 'leader', password: ready.demoPassword });
      if (step.status !== 'signed-in') throw new Error(`leader: ${step.status}`);
      return step.tokens.accessToken;
    };

    // The county's offices are there already (the org seed); the bench adds synthetic ones up to each size.
    const existing = (await doc.send(new QueryCommand({ TableName: ORG, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': OFFICE_PARTITION } }))).Items ?? [];
    const officeIds = existing.map((o) => String(o.id)).sort();
    if (officeIds.length !== 49) throw new Error(`expected the demo county's 49 offices, found ${officeIds.length}`);

    console.log(`\n## Assessment: the monthly run end to end (POST /api/assessment/runs → scored) vs raw DynamoDB Local queries\n`);
    console.log(`~20 facts per office written to the ledger; the raw side: one Query per office of its facts of the month (all pages), ${FACT_READS_AT_ONCE} at a time as the scorer reads them.`);
    console.log(`Load average ${loadavg().map((l) => fmt(l, 2)).join(' ')} on ${cpus().length} CPUs at the start.\n`);
    console.log('| offices | facts written | write time | POST answered / first score / last score | run time (ranked) | offices/s | raw queries/s (before / after) | ratio | target |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |');
    const times = new Map<number, number>();
    const verdicts: string[] = [];
    const updatedAt = new Date().toISOString();
    for (const [s, size] of sizes.entries()) {
      // Each size its own month, long past: no demo run or live month in the way.
      const month = `2025-${String(s + 1).padStart(2, '0')}`;
      const tWrite = performance.now();
      const added = Array.from({ length: size - officeIds.length }, (_, i) => syntheticOffice(officeIds.length - 49 + i, updatedAt));
      await writeAll(doc, ORG, added.map((o) => ({ ...orgKeys.office(o), entity: 'office', ...o })));
      officeIds.push(...added.map((o) => o.id));
      const facts = officeIds.flatMap((id, n) => syntheticFacts(id, month, n));
      await writeAll(doc, ASSESSMENT, facts.map(ledgerItem));
      const writeMs = performance.now() - tWrite;

      // A warm-up run, then BENCH_ASSESSMENT_RUNS (default 1) judged ones over the same facts (a re-run is
      // the month's next version); BENCH_ASSESSMENT_RUNS=3 shows the machine's noise.
      for (let repeat = -1; repeat < Number(process.env.BENCH_ASSESSMENT_RUNS ?? 1); repeat++) {
        const warmUp = repeat < 0;
        const judged = !warmUp || size === 49;
        const rawBefore = await rawQueries(doc, officeIds, month);
        if (rawBefore.items !== facts.length) throw new Error(`raw queries found ${rawBefore.items} facts, ${facts.length} written`);

        const { accepted, firstScore, allScored, ms } = await timedRun(api, await signIn(), month, size);
        // The raw side again after the run: DynamoDB Local's pace drifts (its JIT, its heap), so the two are averaged.
        const rawAfter = await rawQueries(doc, officeIds, month);
        if (!warmUp) times.set(size, ms);
        const perSecond = size / (ms / 1000);
        const rawPerSecond = size / ((rawBefore.ms + rawAfter.ms) / 2 / 1000);
        const ratio = perSecond / rawPerSecond;
        const target = size === 49 ? `< ${TARGETS.small / 1000} s` : `≥ ${TARGETS.ratio}`;
        const met = size === 49 ? ms < TARGETS.small : ratio >= TARGETS.ratio;
        // Where the time went: the POST (run item, fan-out onto the bus), the first score (bus → queue → poller → scorer), the last score, then the ranking.
        const split = [accepted, firstScore, allScored].map((t) => fmt(t / 1000, 2)).join(' / ') + ' s';
        const verdict = `${warmUp ? 'warm-up; ' : ''}${judged ? `${target}: ${met ? 'met' : 'MISSED'}` : 'not judged'}`;
        console.log(`| ${size.toLocaleString('en')} | ${facts.length.toLocaleString('en')} | ${fmt(writeMs / 1000)} s | ${split} | ${fmt(ms / 1000, 2)} s | ${fmt(perSecond)} | ${fmt(rawPerSecond)} (${fmt(size / (rawBefore.ms / 1000))} / ${fmt(size / (rawAfter.ms / 1000))}) | ${fmt(ratio, 2)}× | ${verdict} |`);
        if (judged) verdicts.push(`assessment run${warmUp ? ' (warm-up)' : ''}, ${size.toLocaleString('en')} offices: ${fmt(ms / 1000, 2)} s, ${fmt(perSecond)} offices/s = ${fmt(ratio, 2)} × raw DynamoDB Local queries/s`);
      }
    }
    const [small, province] = [times.get(2_000), times.get(20_000)];
    if (small && province) {
      const growth = province / small;
      console.log(`\n2,000 → 20,000 offices: ${fmt(growth, 2)}× the time (target ≤ ${TARGETS.growth}): ${growth <= TARGETS.growth ? 'met' : 'MISSED'}`);
      verdicts.push(`assessment 2,000 → 20,000 time ratio: ${fmt(growth, 2)}×`);
    }
    console.log(`\n${verdicts.join('\n')}`);
  } finally {
    await stop();
  }
}
