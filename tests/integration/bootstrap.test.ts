// The operator's bootstrap of a deployed environment, run as a real process against the emulators
// (the same SDK calls it makes in AWS, with AWS_ENDPOINT_URL_* pointing at the local cloud); then the
// first admin's first sign-in, which must enrol a second factor (a deployed county requires it).
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { base32Decode, totp, type LoginStep } from '@sifasuo/domain';
import { ensureTables } from '@sifasuo/local-cloud/src/dynamodb';
import { ENV, resourceName, tableEnv, tables } from '@sifasuo/wiring';
import { cloud, credentials, dynamo, region } from '../support/cloud';

// A stage of its own: a freshly deployed environment has empty tables (and the demo county's counts
// stay as they are for the other tests).
const STAGE = 'fresh';
const table = (id: string) => resourceName(STAGE, id);

const root = join(__dirname, '..', '..');

// Each test runs the operator's command as its own process up to three times (a TypeScript start-up,
// Cognito and a few dozen DynamoDB writes each): seconds apiece on a busy 2-core machine, so these
// tests get a minute. The command runs asynchronously so that jest's timer can fire if it hangs.
jest.setTimeout(60_000);

const bootstrap = async (county: unknown, args: string[] = [], password = 'Chief#Pass123') => {
  const file = join(mkdtempSync(join(tmpdir(), 'county-')), 'county.json');
  writeFileSync(file, JSON.stringify(county));
  const { endpoints } = cloud();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/bootstrap.ts', '--stage', STAGE,
      '--county', file, '--admin', 'chief-09', '--admin-name', '九区管理员', '--operator', 'ops-zhang', ...args],
    {
      cwd: root,
      env: {
        ...process.env, NODE_NO_WARNINGS: '1', SIFASUO_ADMIN_PASSWORD: password, AWS_REGION: region,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const status = await new Promise<number | null>((done) => child.on('close', done));
  return { status, stdout, stderr };
};

const county = {
  bureau: { name: '青山县司法局', county: '青山县', address: '青山县城关镇人民路 18 号', phone: '0791-86001234' },
  areas: [{ id: '09', name: '新区片区', offices: [
    { id: '0901', name: '新区镇司法所', township: '新区镇', officeClass: 'central' },
    { id: '0902', name: '新河乡司法所', township: '新河乡', officeClass: 'regular' },
  ] }],
};

describe('bootstrap of a deployed environment', () => {
  beforeAll(async () => {
    await ensureTables(new DynamoDBClient({ region, credentials, endpoint: cloud().endpoints.dynamodb }), tables, STAGE);
  });

  const officesOf = async (areaId: string) =>
    (await dynamo().send(new QueryCommand({
      TableName: table('org'), IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': `AREA#${areaId}` },
    }))).Items ?? [];

  it('refuses a bad county file or a weak password with Chinese messages and writes nothing', async () => {
    const bad = { ...county, areas: [{ ...county.areas[0], offices: county.areas[0]!.offices.map((o) => ({ ...o, officeClass: 'regular' })) }] };
    const r = await bootstrap(bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('片区须有且只有一个片区中心所（现有0个）');
    const weak = await bootstrap(county, [], 'weak');
    expect(weak.status).toBe(2);
    expect(weak.stderr).toContain('密码至少10位');
    expect(await officesOf('09')).toEqual([]);
  });

  it('creates the county, departments, dictionaries and an audited first admin who can sign in; a re-run changes nothing', async () => {
    const first = await bootstrap(county);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('已就绪：1 个片区，2 个司法所；管理员 chief-09 已创建，已设置初始密码。');
    expect(first.stdout).toContain('首次登录时须用手机验证器');

    expect((await officesOf('09')).map((o) => [o.id, o.officeClass])).toEqual([['0901', 'central'], ['0902', 'regular']]);
    const area = await dynamo().send(new GetCommand({ TableName: table('org'), Key: { PK: 'AREA', SK: '09' } }));
    expect(area.Item).toMatchObject({ name: '新区片区', centralOfficeId: '0901' });
    const depts = await dynamo().send(new QueryCommand({ TableName: table('org'), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'DEPT' } }));
    expect(depts.Items?.map((d) => d.name)).toContain('人民调解股');
    const dict = await dynamo().send(new GetCommand({ TableName: table('org'), Key: { PK: 'DICT', SK: 'dispute-types' } }));
    expect(dict.Item?.entries).toHaveLength(15);
    const user = await dynamo().send(new GetCommand({ TableName: table('org'), Key: { PK: 'USER#chief-09', SK: 'USER' } }));
    expect(user.Item).toMatchObject({ roles: ['county_admin'], displayName: '九区管理员', enabled: true, version: 1 });
    const audit = await dynamo().send(new QueryCommand({
      TableName: table('audit'), IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': 'TARGET#user#chief-09' },
    }));
    expect(audit.Items).toEqual([
      expect.objectContaining({ action: 'org.user.create', actor: 'bootstrap:ops-zhang', outcome: 'success' }),
      expect.objectContaining({ action: 'auth.reset-password', actor: 'bootstrap:ops-zhang', outcome: 'success', reason: 'initial password (provisioning)' }),
    ]);
    const areaAudit = await dynamo().send(new QueryCommand({
      TableName: table('audit'), IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': 'TARGET#area#09' },
    }));
    expect(areaAudit.Items).toEqual([expect.objectContaining({ action: 'org.area.provision', actor: 'bootstrap:ops-zhang', after: { id: '09', name: '新区片区', centralOfficeId: '0901' } })]);

    const credential = await dynamo().send(new GetCommand({ TableName: table('auth'), Key: { PK: 'ACCOUNT#chief-09', SK: 'CREDENTIAL' } }));
    expect(credential.Item?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(JSON.stringify(credential.Item)).not.toContain('Chief#Pass123');

    const again = await bootstrap(county);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('管理员 chief-09 已存在（未改动）');

    // A file that contradicts what is stored is refused whole: here it adds an office and moves the
    // central office of area 09.
    const moved = { ...county, areas: [{ ...county.areas[0]!, offices: [
      { id: '0901', name: '新区镇司法所', township: '新区镇', officeClass: 'regular' },
      { id: '0902', name: '新河乡司法所', township: '新河乡', officeClass: 'central' },
      { id: '0903', name: '新桥乡司法所', township: '新桥乡', officeClass: 'regular' },
    ] }] };
    const refused = await bootstrap(moved);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('片区 09 已有片区中心所 0901');
    expect(refused.stderr).toContain('司法所 0901 已存在，所属片区或所别与文件不同');
    expect((await officesOf('09')).map((o) => o.id)).toEqual(['0901', '0902']);
  });

  it("the first admin's first sign-in must enrol a second factor: a deployed county requires it by default", async () => {
    // The auth use cases in this process, on the fresh stage's tables, with a signing key of its own.
    const keyFile = join(mkdtempSync(join(tmpdir(), 'key-')), 'signing-key.pem');
    writeFileSync(keyFile, generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const env = {
      [ENV.stage]: STAGE, [ENV.signingKey]: `file:${keyFile}`, ...Object.fromEntries(tables.map((t) => [tableEnv(t.id), table(t.id)])),
      AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb, AWS_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    };
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      expect((await bootstrap(county)).status).toBe(0);
      const { signIn } = await import('../../functions/src/auth/sign-in');
      const ctx = () => ({ requestId: 'test', now: new Date(), sourceIp: '127.0.0.1' });
      const step: LoginStep = await signIn.login(ctx(), { username: 'chief-09', password: 'Chief#Pass123' });
      if (step.status !== 'totp-enrolment-required') throw new Error(`expected enrolment, got ${step.status}`);
      expect(step.enrolment.otpauthUri).toContain(encodeURIComponent('司法所工作管理系统:chief-09'));
      await expect(signIn.loginTotpEnrolment(ctx(), { challenge: step.challenge, code: '000000' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const code = totp(base32Decode(step.enrolment.secret)!, new Date(), (k, m) => createHmac('sha1', k).update(m).digest());
      const done = await signIn.loginTotpEnrolment(ctx(), { challenge: step.challenge, code });
      if (done.status !== 'signed-in') throw new Error(done.status);
      expect(done.recoveryCodes).toHaveLength(10);
      expect(done.user).toMatchObject({ username: 'chief-09', roles: ['county_admin'] });
      const again = await signIn.login(ctx(), { username: 'chief-09', password: 'Chief#Pass123' });
      expect(again.status).toBe('totp-required');
      const audit = await dynamo().send(new QueryCommand({
        TableName: table('audit'), IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': 'TARGET#user#chief-09' },
      }));
      expect(audit.Items?.map((i) => `${i.action}:${i.outcome}`)).toEqual(expect.arrayContaining(['auth.totp.enrol:success', 'auth.login:rejected']));
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });
});
