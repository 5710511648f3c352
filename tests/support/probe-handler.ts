// A throwaway function for the local cloud's own tests: echoes API events, records queue batches,
// stream batches and scheduled events to a JSON-lines file, and fails on request (`mode` in the
// message body or in the streamed item).
import { appendFileSync } from 'node:fs';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { probeLog } from './test-wiring';

const record = (entry: unknown) => appendFileSync(probeLog(process.pid), `${JSON.stringify(entry)}\n`);

export const handler = async (event: any, context: { functionName: string; getRemainingTimeInMillis(): number }) => {
  if (Array.isArray(event?.Records) && event.Records[0]?.eventSource === 'aws:dynamodb') {
    return consumeStream(event as DynamoDBStreamEvent, context.functionName);
  }
  if (Array.isArray(event?.Records)) return consume(event as SQSEvent);
  if (event?.['detail-type'] === 'Scheduled Event') {
    record({ kind: 'schedule', event, functionName: context.functionName });
    return { ok: true, time: event.time };
  }
  const http = event as APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>;
  if (http.rawPath === '/api/__test/throw') throw new Error('probe: deliberate failure');
  if (http.rawPath === '/api/__test/slow') {
    await new Promise((r) => setTimeout(r, 2500));
    return { statusCode: 200, body: 'too late' };
  }
  // What every function of the process sees of the key and the origin secret.
  if (http.rawPath === '/api/__test/env') return { SIGNING_KEY: process.env.SIGNING_KEY ?? null, ORIGIN_SECRET: process.env.ORIGIN_SECRET ?? null };
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json', 'x-probe': 'yes' },
    cookies: ['a=1; Path=/', 'b=2; Path=/'],
    body: JSON.stringify({ event, remainingMs: context.getRemainingTimeInMillis(), functionName: context.functionName }),
  };
};

async function consume(event: SQSEvent): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  let mustThrow = false;
  for (const r of event.Records) {
    let body: any;
    try {
      body = JSON.parse(r.body);
    } catch {
      body = { raw: r.body };
    }
    const payload = body?.detail ?? body; // an EventBridge envelope or a plain message
    const mode = payload?.mode;
    record({ kind: 'sqs', id: payload?.id, mode, receiveCount: r.attributes.ApproximateReceiveCount, record: r });
    if (mode === 'throw') mustThrow = true;
    if (mode === 'fail') failures.push({ itemIdentifier: r.messageId });
  }
  if (mustThrow) throw new Error('probe consumer: deliberate failure');
  return { batchItemFailures: failures };
}

/** Deliveries per stream eventID so far (the local cloud runs every function in one process). */
const deliveries = new Map<string, number>();

/**
 * Stream batches: one log line per invocation, written on entry. The item's `mode` (new image, else
 * old image) says what to do with its record: `slow` (take 2 s, so the next writes pile up into one
 * batch), `fail:N` (report it as failed on its first N deliveries), `throw:N` (throw on its first N
 * deliveries). Records are handled in order and the first failure ends the batch.
 */
async function consumeStream(event: DynamoDBStreamEvent, functionName: string): Promise<DynamoDBBatchResponse> {
  const modeOf = (r: DynamoDBStreamEvent['Records'][number]) => (r.dynamodb?.NewImage ?? r.dynamodb?.OldImage)?.mode?.S;
  record({
    kind: 'stream',
    functionName,
    ids: event.Records.map((r) => r.dynamodb?.Keys?.PK?.S),
    names: event.Records.map((r) => r.eventName),
    event,
  });
  for (const r of event.Records) {
    const n = (deliveries.get(r.eventID!) ?? 0) + 1;
    deliveries.set(r.eventID!, n);
    const [mode, times] = (modeOf(r) ?? '').split(':');
    if (mode === 'slow') await new Promise((done) => setTimeout(done, 2000));
    if (mode === 'throw' && n <= Number(times)) throw new Error(`probe stream consumer: deliberate failure (${r.eventID})`);
    if (mode === 'fail' && n <= Number(times)) return { batchItemFailures: [{ itemIdentifier: r.dynamodb!.SequenceNumber! }] };
  }
  return { batchItemFailures: [] };
}
