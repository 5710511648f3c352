// A tiny EventBridge: the JSON 1.1 `AWSEvents.PutEvents` operation the AWS SDK sends when
// AWS_ENDPOINT_URL_EVENTBRIDGE points here. Each entry becomes the EventBridge envelope, the wiring's
// rules (exact source + detail-type) pick target queues, and the envelope is sent to them in fauxqs.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { EventPattern } from '@sifasuo/wiring';
import { ACCOUNT, REGION } from './config';
import type { QueueInfo } from './sqs';
import type { SqsWire } from './sqs-wire';
import { HOST, log } from './util';

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: number | string;
}

export interface BusEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface EventBusHandle {
  endpoint: string;
  stop(): Promise<void>;
  /** Routes one envelope through the rules (also used in-process). Returns the queue ids hit. */
  route(envelope: BusEnvelope): Promise<string[]>;
  /**
   * Fault injection (test runs only): the next `n` entries whose Detail contains `match` are refused
   * with `InternalFailure`, as EventBridge refuses entries of an accepted call under load — the SDK
   * does not retry those. `match` keeps a test's fault away from other tests' events.
   */
  failNextEntries(n: number, match: string): void;
}

/** Under SQS's 256 KB a SendMessageBatch (a PutEvents call's details are at most that, plus the envelopes). */
const SEND_BATCH_BYTES = 200_000;

const toIso = (t: number | string | undefined) => {
  if (t === undefined || t === null || t === '') return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return (Number.isNaN(d.getTime()) ? new Date() : d).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

export async function startEventBus(opts: {
  port: number;
  /** The wiring's rules with their patterns derived (`patternOf`). */
  rules: ReadonlyArray<{ id: string; targetQueue: string; pattern: EventPattern }>;
  sqs: SqsWire;
  queues: ReadonlyMap<string, QueueInfo>;
}): Promise<EventBusHandle> {
  for (const r of opts.rules) {
    if (!opts.queues.has(r.targetQueue)) throw new Error(`event rule ${r.id}: unknown target queue ${r.targetQueue}`);
  }

  const targetsOf = (envelope: BusEnvelope) => [
    ...new Set(
      opts.rules
        .filter((r) => r.pattern.source.includes(envelope.source) && r.pattern.detailType.includes(envelope['detail-type']))
        .map((r) => r.targetQueue),
    ),
  ];

  /**
   * Sends each envelope to its rules' queues, up to ten to a SendMessageBatch (and under SQS's
   * 256 KB a call); answers the envelopes some queue did not get.
   */
  async function deliver(envelopes: readonly BusEnvelope[]): Promise<Set<BusEnvelope>> {
    const byQueue = new Map<string, BusEnvelope[]>();
    for (const e of envelopes) for (const q of targetsOf(e)) byQueue.set(q, [...(byQueue.get(q) ?? []), e]);
    const undelivered = new Set<BusEnvelope>();
    await Promise.all(
      [...byQueue].map(async ([q, list]) => {
        const calls: Array<Array<{ envelope: BusEnvelope; body: string }>> = [];
        let bytes = 0;
        for (const envelope of list) {
          const body = JSON.stringify(envelope);
          const last = calls.at(-1);
          if (!last || last.length === 10 || bytes + body.length > SEND_BATCH_BYTES) {
            calls.push([{ envelope, body }]);
            bytes = body.length;
          } else {
            last.push({ envelope, body });
            bytes += body.length;
          }
        }
        for (const call of calls) {
          try {
            const r = await opts.sqs.sendMessageBatch(
              opts.queues.get(q)!.url,
              call.map((m, n) => ({ Id: String(n), MessageBody: m.body })),
            );
            for (const f of r.Failed ?? []) {
              log(`event bus: delivering to ${q} failed: ${f.Message ?? f.Code}`);
              undelivered.add(call[Number(f.Id)]!.envelope);
            }
          } catch (err) {
            log(`event bus: delivering to ${q} failed: ${(err as Error).message}`);
            for (const m of call) undelivered.add(m.envelope);
          }
        }
      }),
    );
    return undelivered;
  }

  async function route(envelope: BusEnvelope): Promise<string[]> {
    if ((await deliver([envelope])).size) throw new Error(`delivering ${envelope.source}/${envelope['detail-type']} failed`);
    return targetsOf(envelope);
  }

  const fault = { count: 0, match: '' };

  async function putEvents(req: { Entries?: PutEventsEntry[] }) {
    const entries = req.Entries ?? [];
    if (entries.length < 1 || entries.length > 10) {
      return { status: 400, body: { __type: 'ValidationException', message: 'Entries must contain between 1 and 10 items' } };
    }
    let failed = 0;
    const results: Array<Record<string, string>> = [];
    const accepted: Array<{ envelope: BusEnvelope; result: number }> = [];
    for (const e of entries) {
      if (fault.count > 0 && String(e.Detail ?? '').includes(fault.match)) {
        fault.count--;
        failed++;
        results.push({ ErrorCode: 'InternalFailure', ErrorMessage: 'injected failure (local cloud fault)' });
        continue;
      }
      if (!e.Source || !e.DetailType || e.Detail === undefined) {
        failed++;
        results.push({ ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameters Source, DetailType and Detail are required' });
        continue;
      }
      let detail: unknown;
      try {
        detail = JSON.parse(e.Detail);
        if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) throw new Error('not an object');
      } catch {
        failed++;
        results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
        continue;
      }
      const envelope: BusEnvelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': e.DetailType,
        source: e.Source,
        account: ACCOUNT,
        time: toIso(e.Time),
        region: REGION,
        resources: e.Resources ?? [],
        detail,
      };
      accepted.push({ envelope, result: results.length });
      results.push({ EventId: envelope.id });
    }
    for (const envelope of await deliver(accepted.map((a) => a.envelope))) {
      failed++;
      results[accepted.find((a) => a.envelope === envelope)!.result] = { ErrorCode: 'InternalException', ErrorMessage: 'Delivery to target failed' };
    }
    return { status: 200, body: { FailedEntryCount: failed, Entries: results } };
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
        res.end(text);
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      try {
        if (req.method !== 'POST') return reply(404, { __type: 'UnknownOperationException' });
        if (target !== 'AWSEvents.PutEvents') {
          return reply(400, { __type: 'UnknownOperationException', message: `local event bus supports only PutEvents (got ${target || 'none'})` });
        }
        const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        const out = await putEvents(parsed);
        reply(out.status, out.body);
      } catch (err) {
        reply(400, { __type: 'SerializationException', message: (err as Error).message });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, HOST, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    endpoint: `http://${HOST}:${port}`,
    route,
    failNextEntries: (n, match) => {
      Object.assign(fault, { count: n, match });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
