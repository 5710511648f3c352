// SQS via fauxqs 1.9.2 (in memory, JSON protocol, DLQ redrive). Every wiring queue gets `<queue>-dlq`.
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { resourceName, type QueueDecl } from '@sifasuo/wiring';
import { sqsWire, type SqsWire } from './sqs-wire';
import { HOST } from './util';
import { localCredentials, REGION } from './config';

export interface QueueInfo {
  decl: QueueDecl;
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
}

export interface SqsHandle {
  endpoint: string;
  /** For set-up (the queues). */
  client: SQSClient;
  /** For the cloud's plumbing: the bus and the pollers (sqs-wire.ts). */
  wire: SqsWire;
  stop(): Promise<void>;
}

export async function startSqs(port: number): Promise<SqsHandle> {
  const server = await startFauxqs({ port, host: HOST, logger: false, defaultRegion: REGION });
  const endpoint = `http://${HOST}:${server.port}`;
  const client = new SQSClient({ region: REGION, endpoint, credentials: localCredentials });
  const wire = sqsWire(endpoint);
  return {
    endpoint,
    client,
    wire,
    async stop() {
      client.destroy();
      wire.close();
      await server.stop();
    },
  };
}

export const queueName = (id: string, stage = 'local') => resourceName(stage, id);

async function createQueue(client: SQSClient, name: string, attributes: Record<string, string>) {
  const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`CreateQueue ${name}: no QueueUrl`);
  const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const arn = attrs.Attributes?.QueueArn;
  if (!arn) throw new Error(`GetQueueAttributes ${name}: no QueueArn`);
  return { url: QueueUrl, arn };
}

export async function ensureQueues(client: SQSClient, decls: readonly QueueDecl[], stage = 'local') {
  const out = new Map<string, QueueInfo>();
  for (const q of decls) {
    const dlq = await createQueue(client, `${queueName(q.id, stage)}-dlq`, { MessageRetentionPeriod: '1209600' });
    const main = await createQueue(client, queueName(q.id, stage), {
      VisibilityTimeout: String(q.visibilityTimeoutSeconds),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: q.maxReceiveCount }),
    });
    out.set(q.id, { decl: q, url: main.url, arn: main.arn, dlqUrl: dlq.url, dlqArn: dlq.arn });
  }
  return out;
}
