// The audit vault: every audit record is copied, write-once, to the vault bucket through the table's
// stream; a record changed in storage is reported as tampering with its original kept.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { api, dynamo, eventually, login, s3 } from '../support/cloud';

const VAULT = 'sifasuo-local-audit-vault';
const AUDIT_TABLE = 'sifasuo-local-audit';

const read = async (Key: string) =>
  JSON.parse(await (await s3().send(new GetObjectCommand({ Bucket: VAULT, Key }))).Body!.transformToString());
const keysUnder = async (Prefix: string) =>
  ((await s3().send(new ListObjectsV2Command({ Bucket: VAULT, Prefix }))).Contents ?? []).map((o) => o.Key!);

describe('audit vault', () => {
  it('copies each new audit record, and reports a record changed in storage with its original', async () => {
    // A login writes an audit record (dept-corrections: a user no other test signs in as).
    await login('dept-corrections');
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const mine = await dynamo().send(new QueryCommand({
      TableName: AUDIT_TABLE, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': 'ACTOR#dept-corrections' }, ScanIndexForward: false, Limit: 1,
    }));
    const record = mine.Items![0]!;
    expect(record.PK).toBe(`DAY#${day}`);
    const key = `records/${record.PK}/${record.SK}.json`;
    await eventually(async () => (await keysUnder(key)).includes(key));
    expect(await read(key)).toMatchObject({ id: record.id, action: 'auth.login', actor: 'dept-corrections', outcome: 'success' });

    // Someone with storage access rewrites the record: the table is append-only, so this is tampering.
    await dynamo().send(new PutCommand({ TableName: AUDIT_TABLE, Item: { ...record, outcome: 'denied' } }));
    const report = await eventually(async () => {
      for (const k of await keysUnder('tampering/')) {
        const r = await read(k);
        if (r.keys?.SK === record.SK) return r;
      }
      return undefined;
    });
    expect(report).toMatchObject({ eventName: 'MODIFY', oldImage: { outcome: 'success' }, newImage: { outcome: 'denied' } });
    // The vault copy still holds the original.
    expect((await read(key)).outcome).toBe('success');
    expect((await api('/api/health')).status).toBe(200);
  });
});
