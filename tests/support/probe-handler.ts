// A throwaway function for the local cloud's own tests: echoes API events, records queue batches
// and scheduled events to a JSON-lines file, and fails on request (`mode` in the message body).
import { appendFileSync } from 'node:fs';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { probeLog } from './test-wiring';

const record = (entry: unknown) => appendFileSync(probeLog(process.pid), `${JSON.stringify(entry)}\n`);

export const handler = async (event: any, context: { functionName: string; getRemainingTimeInMillis(): number }) => {
  if (Array.isArray(event?.Records)) return consume(event as SQSEvent);
  if (event?.['detail-type'] === 'Scheduled Event') {
    record({ kind: 'schedule', event, functionName: context.functionName });
    return { ok: true, time: event.time };
  }
  const http = event as APIGatewayProxyEventV2WithJWTAuthorizer;
  if (http.rawPath === '/api/__test/throw') throw new Error('probe: deliberate failure');
  if (http.rawPath === '/api/__test/slow') {
    await new Promise((r) => setTimeout(r, 2500));
    return { statusCode: 200, body: 'too late' };
  }
  if (http.rawPath === '/api/__test/claims') return { claims: http.requestContext.authorizer.jwt.claims };
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
