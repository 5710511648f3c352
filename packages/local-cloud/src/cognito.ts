// Cognito via cognito-local 5.3.0 as a child process (its `.cognito/` data lives under
// `<dataDir>/cognito`), plus the user pool, app client and role groups, created once and reused.
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GroupExistsException,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { APP } from '@sifasuo/wiring';
import { HOST, ManagedChild, waitUntil } from './util';
import { localCredentials, REGION } from './config';

const require = createRequire(import.meta.url);

export interface CognitoHandle {
  endpoint: string;
  client: CognitoIdentityProviderClient;
  child: ManagedChild;
  stop(): Promise<void>;
}

export async function startCognito(dataDir: string, port: number): Promise<CognitoHandle> {
  const cwd = join(dataDir, 'cognito');
  mkdirSync(join(cwd, '.cognito'), { recursive: true });
  // cognito-local defaults new pools to email usernames; ours (like the AWS pool) use plain usernames.
  writeFileSync(join(cwd, '.cognito', 'config.json'), `${JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }, null, 2)}\n`);
  const bin = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const child = new ManagedChild('cognito-local', process.execPath, [bin], {
    cwd,
    // HOST makes it bind to loopback and sets the token issuer to http://127.0.0.1:<port>/<poolId>.
    env: { ...process.env, PORT: String(port), HOST, NODE_OPTIONS: '', DEBUG: '' },
  });
  const endpoint = `http://${HOST}:${port}`;
  await waitUntil('cognito-local', async () => (await fetch(`${endpoint}/health`)).ok, {
    timeoutMs: 30_000,
    intervalMs: 100,
    failed: () => (child.exited ? `exited (code ${child.exited.code}):\n${child.output()}` : undefined),
  });
  const client = new CognitoIdentityProviderClient({ region: REGION, endpoint, credentials: localCredentials });
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

export interface PoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

const CUSTOM_ATTRIBUTES = ['officeId', 'areaId', 'departmentId'];

async function poolExists(client: CognitoIdentityProviderClient, ids: PoolIds): Promise<boolean> {
  try {
    await client.send(new DescribeUserPoolCommand({ UserPoolId: ids.userPoolId }));
    await client.send(new DescribeUserPoolClientCommand({ UserPoolId: ids.userPoolId, ClientId: ids.userPoolClientId }));
    return true;
  } catch {
    return false;
  }
}

/** Pool + client stored in `<dataDir>/cloud.json` and reused; groups ensured on every start. */
export async function ensurePool(client: CognitoIdentityProviderClient, dataDir: string, roles: readonly string[]): Promise<PoolIds> {
  const file = join(dataDir, 'cloud.json');
  const saved: Partial<PoolIds> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let ids: PoolIds | undefined =
    saved.userPoolId && saved.userPoolClientId ? { userPoolId: saved.userPoolId, userPoolClientId: saved.userPoolClientId } : undefined;
  if (!ids || !(await poolExists(client, ids))) {
    const pool = await client.send(
      new CreateUserPoolCommand({
        PoolName: `${APP}-local-users`,
        Schema: CUSTOM_ATTRIBUTES.map((Name) => ({ Name, AttributeDataType: 'String', Mutable: true })),
        Policies: {
          PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false },
        },
      }),
    );
    const userPoolId = pool.UserPool?.Id;
    if (!userPoolId) throw new Error('CreateUserPool returned no id');
    const app = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: `${APP}-local-portal`,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const userPoolClientId = app.UserPoolClient?.ClientId;
    if (!userPoolClientId) throw new Error('CreateUserPoolClient returned no id');
    ids = { userPoolId, userPoolClientId };
    writeFileSync(file, `${JSON.stringify({ ...saved, ...ids }, null, 2)}\n`);
  }
  const existing = await client.send(new ListGroupsCommand({ UserPoolId: ids.userPoolId }));
  const have = new Set((existing.Groups ?? []).map((g) => g.GroupName));
  for (const role of roles.filter((r) => !have.has(r))) {
    try {
      await client.send(new CreateGroupCommand({ UserPoolId: ids.userPoolId, GroupName: role }));
    } catch (err) {
      if (!(err instanceof GroupExistsException)) throw err;
    }
  }
  return ids;
}
