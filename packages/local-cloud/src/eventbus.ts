// A tiny EventBridge: the JSON 1.1 `AWSEvents.PutEvents` operation the AWS SDK sends when
// AWS_ENDPOINT_URL_EVENTBRIDGE points here. Each entry becomes the EventBridge envelope, the wiring's
// rules (exact source + detail-type) pick target queues, and the envelope is sent to them in fauxqs.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventPattern } from '@sifasuo/wiring';
import { ACCOUNT, REGION } from './config';
import type { QueueInfo } from './sqs';
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

const toIso = (t: number | string | undefined) => {
  if (t === undefined || t === null || t === '') return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const d = typeof t === 'number' ? new Date(t * 1000) : new Date(t);
  return (Number.isNaN(d.getTime()) ? new Date() : d).toISOString().replace(/\.\d{3}Z$/, 'Z');
};

export async function startEventBus(opts: {
  port: number;
  /** The wiring's rules with their patterns derived (`patternOf`). */
  rules: ReadonlyArray<{ id: string; targetQueue: string; pattern: EventPattern }>;
  sqs: SQSClient;
  queues: ReadonlyMap<string, QueueInfo>;
}): Promise<EventBusHandle> {
  for (const r of opts.rules) {
    if (!opts.queues.has(r.targetQueue)) throw new Error(`event rule ${r.id}: unknown target queue ${r.targetQueue}`);
  }

  async function route(envelope: BusEnvelope): Promise<string[]> {
    const hit = opts.rules.filter(
      (r) => r.pattern.source.includes(envelope.source) && r.pattern.detailType.includes(envelope['detail-type']),
    );
    const targets = [...new Set(hit.map((r) => r.targetQueue))];
    for (const q of targets) {
      await opts.sqs.send(new SendMessageCommand({ QueueUrl: opts.queues.get(q)!.url, MessageBody: JSON.stringify(envelope) }));
    }
    return targets;
  }

  const fault = { count: 0, match: '' };

  async function putEvents(req: { Entries?: PutEventsEntry[] }) {
    const entries = req.Entries ?? [];
    if (entries.length < 1 || entries.length > 10) {
      return { status: 400, body: { __type: 'ValidationException', message: 'Entries must contain between 1 and 10 items' } };
    }
    let failed = 0;
    const results: Array<Record<string, string>> = [];
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
      try {
        await route(envelope);
        results.push({ EventId: envelope.id });
      } catch (err) {
        failed++;
        log(`event bus: delivering ${e.Source}/${e.DetailType} failed: ${(err as Error).message}`);
        results.push({ ErrorCode: 'InternalException', ErrorMessage: 'Delivery to target failed' });
      }
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
