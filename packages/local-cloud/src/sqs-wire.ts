// The local cloud's own SQS calls — the bus delivering to queues, the pollers receiving and deleting —
// are AWS's plumbing, not the functions' code: in AWS they cost a function nothing. They speak SQS's
// JSON protocol to fauxqs directly rather than through the SDK, whose per-call middleware, signing and
// schema-driven parsing cost the cloud's one Node thread more than fauxqs's handling does (a county's
// run is about 600 such calls; the functions' own calls still go through the SDK).
import { Agent, request } from 'node:http';

/** A received message as SQS's JSON protocol answers it (binary values base64). */
export interface WireMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body?: string;
  MD5OfBody?: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: string; StringListValues?: string[]; BinaryListValues?: string[] }>;
}

export interface BatchResult {
  Failed?: Array<{ Id: string; Code?: string; Message?: string }>;
}

export interface SqsWire {
  sendMessageBatch(queueUrl: string, entries: Array<{ Id: string; MessageBody: string }>): Promise<BatchResult>;
  receiveMessage(
    input: { QueueUrl: string; MaxNumberOfMessages: number; WaitTimeSeconds: number; VisibilityTimeout: number },
    signal?: AbortSignal,
  ): Promise<WireMessage[]>;
  deleteMessageBatch(queueUrl: string, entries: Array<{ Id: string; ReceiptHandle: string }>): Promise<BatchResult>;
  close(): void;
}

export function sqsWire(endpoint: string): SqsWire {
  const { hostname, port } = new URL(endpoint);
  const agent = new Agent({ keepAlive: true });
  const call = <T>(action: string, input: object, signal?: AbortSignal) =>
    new Promise<T>((resolve, reject) => {
      const payload = JSON.stringify(input);
      const req = request(
        {
          host: hostname,
          port,
          path: '/',
          method: 'POST',
          agent,
          signal,
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}`, 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: { __type?: string; message?: string } & T;
            try {
              body = text ? JSON.parse(text) : {};
            } catch {
              return reject(new Error(`SQS ${action}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
            }
            if (res.statusCode !== 200) return reject(new Error(`SQS ${action}: ${body.__type ?? `HTTP ${res.statusCode}`} ${body.message ?? ''}`));
            resolve(body);
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return {
    sendMessageBatch: (QueueUrl, Entries) => call<BatchResult>('SendMessageBatch', { QueueUrl, Entries }),
    receiveMessage: async (input, signal) =>
      (await call<{ Messages?: WireMessage[] }>('ReceiveMessage', { ...input, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'] }, signal))
        .Messages ?? [],
    deleteMessageBatch: (QueueUrl, Entries) => call<BatchResult>('DeleteMessageBatch', { QueueUrl, Entries }),
    close: () => agent.destroy(),
  };
}
