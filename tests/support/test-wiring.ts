// Extra wiring the jest run adds to the local cloud (`--extra-wiring`): a probe function behind a few
// test-only routes, a probe Lambda authorizer for some of them, a queue whose consumer can be told to
// fail, an event rule, a schedule, and a streamed table whose stream consumer can be told to fail or
// throw. The production wiring is untouched; these exist only in the test run's local cloud.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtraWiring } from '@sifasuo/local-cloud';
import { event, eventSource, factEvents } from '@sifasuo/wiring';
import * as z from 'zod';

const entry = 'tests/support/probe-handler.ts';
const base = { context: 'platform', tables: [], memoryMb: 128 } as const;

export const PROBE_QUEUE = 'test-probe';
export const PROBE_SCHEDULE = 'test-probe-schedule';
export const PROBE_SOURCE = eventSource('platform');
export const PROBE_DETAIL_TYPE = 'Probe';
/** Table id (physical `sifasuo-local-test-stream`); every write reaches `test-probe-stream`. */
export const PROBE_STREAM_TABLE = 'test-stream';
export const PROBE_STREAM_BATCH = 10;

/** A context-like table with an outbox: the facts probe writes records with facts into it. */
export const FACTS_TABLE = 'test-facts';
export const FACTS_QUEUE = 'test-facts';

/**
 * The assessment's real ledger consumer behind a queue of its own with a 1 s visibility timeout: a
 * poison message reaches the DLQ in seconds rather than the production queue's 5 × 180 s.
 */
export const LEDGER_POISON_QUEUE = 'test-ledger-poison';

/** The probe authorizer: serves only the test routes that name it (the wiring's one serves the rest). */
export const PROBE_AUTHORIZER = 'test-probe-authorizer';

/** Anything goes: the probe records what it receives. */
const probeEvent = event('platform', PROBE_DETAIL_TYPE, z.unknown());

export const extraWiring: ExtraWiring = {
  events: [probeEvent],
  tables: [
    {
      id: PROBE_STREAM_TABLE, context: 'platform', indexes: [], personalData: false,
      stream: { consumer: 'test-probe-stream', batchSize: PROBE_STREAM_BATCH },
    },
    // The kit gives it a stream and the real outbox forwarder (`test-facts-outbox`).
    { id: FACTS_TABLE, context: 'platform', indexes: [], personalData: false, outbox: true },
  ],
  functions: [
    { ...base, id: 'test-probe-api', kind: 'api', entry, timeoutSeconds: 1 },
    { ...base, id: PROBE_AUTHORIZER, kind: 'authorizer', entry: 'tests/support/probe-authorizer.ts', timeoutSeconds: 1 },
    { ...base, id: 'test-probe-consumer', kind: 'consumer', entry, timeoutSeconds: 5 },
    { ...base, id: 'test-probe-schedule', kind: 'schedule', entry, timeoutSeconds: 5 },
    { ...base, id: 'test-probe-stream', kind: 'stream', entry, timeoutSeconds: 5 },
    {
      ...base, id: 'test-facts-api', kind: 'api', entry: 'tests/support/facts-probe.ts', timeoutSeconds: 10,
      tables: [{ table: FACTS_TABLE, access: 'readwrite' }, { table: 'audit', access: 'append' }],
    },
  ],
  routes: [
    { method: 'POST', path: '/api/__test/echo/{id}', function: 'test-probe-api', auth: 'none' },
    { method: 'GET', path: '/api/__test/echo/{id}', function: 'test-probe-api', auth: 'none' },
    { method: 'GET', path: '/api/__test/echo/fixed', function: 'test-probe-api', auth: 'none' },
    // Behind the probe authorizer.
    { method: 'GET', path: '/api/__test/authz/{id}', function: 'test-probe-api', auth: 'jwt', authorizer: PROBE_AUTHORIZER },
    // Behind the wiring's session authorizer.
    { method: 'GET', path: '/api/__test/session', function: 'test-probe-api', auth: 'jwt' },
    { method: 'GET', path: '/api/__test/env', function: 'test-probe-api', auth: 'none' },
    { method: 'GET', path: '/api/__test/throw', function: 'test-probe-api', auth: 'none' },
    { method: 'GET', path: '/api/__test/slow', function: 'test-probe-api', auth: 'none' },
    { method: 'POST', path: '/api/__test/facts/{id}', function: 'test-facts-api', auth: 'none' },
  ],
  queues: [
    { id: PROBE_QUEUE, consumer: 'test-probe-consumer', batchSize: 10, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 },
    // Stands in for the assessment's queue until the assessment context declares its own.
    { id: FACTS_QUEUE, consumer: 'test-probe-consumer', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 5 },
    { id: LEDGER_POISON_QUEUE, consumer: 'assessment-ledger', batchSize: 10, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 },
  ],
  eventRules: [
    { id: 'test-probe', events: [probeEvent], targetQueue: PROBE_QUEUE },
    { id: 'test-facts', events: [factEvents.FactRecorded, factEvents.FactRetracted], targetQueue: FACTS_QUEUE },
  ],
  schedules: [
    {
      id: PROBE_SCHEDULE, function: 'test-probe-schedule', timezone: 'Asia/Shanghai',
      cron: { minute: '0', hour: '0', dayOfMonth: '1', month: '1', dayOfWeek: '?' },
      description: 'test probe (only fired by hand)',
    },
  ],
};

/** Where the probe writes what it received (one JSON line per invocation), per local cloud process. */
export const probeLog = (cloudPid: number) => join(tmpdir(), `sifasuo-probe-${cloudPid}.jsonl`);
