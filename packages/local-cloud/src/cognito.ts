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
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SCOPE_ATTRIBUTES } from '@sifasuo/domain';
import { APP } from '@sifasuo/wiring';
import { freePort, HOST, ManagedChild, waitUntil } from './util';
import { localCredentials, REGION } from './config';

const require = createRequire(import.meta.url);

export interface CognitoHandle {
  endpoint: string;
  client: CognitoIdentityProviderClient;
  child: ManagedChild;
  stop(): Promise<void>;
}

/**
 * cognito-local answers a wrong password with `InvalidPasswordException`; AWS answers
 * `NotAuthorizedException: Incorrect username or password.` (InvalidPasswordException there means a
 * new password broke the policy, which cognito-local never checks). A thin proxy in front of it
 * rewrites exactly that, so handler code written against AWS behaves the same locally.
 */
const WRONG_PASSWORD_TARGETS = new Set(['InitiateAuth', 'AdminInitiateAuth', 'ChangePassword']);

/**
 * cognito-local ignores an app client's WriteAttributes, so with their own access token users could
 * rewrite `custom:officeId` & co. (their data scope). In AWS the portal client may write only a few
 * harmless standard attributes; the proxy refuses the rest of the self-service writes with Cognito's
 * own error. Admin* calls (IAM in AWS) are not affected.
 */
export const USER_WRITABLE_ATTRIBUTES: ReadonlySet<string> = new Set(['name', 'locale', 'zoneinfo']);
const SELF_SERVICE_WRITES: Record<string, (body: Record<string, unknown>) => unknown[]> = {
  UpdateUserAttributes: (b) => (Array.isArray(b.UserAttributes) ? b.UserAttributes.map((a) => (a as { Name?: unknown })?.Name) : []),
  DeleteUserAttributes: (b) => (Array.isArray(b.UserAttributeNames) ? b.UserAttributeNames : []),
};
const UNAUTHORIZED_ATTRIBUTE = { __type: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' };

/** True when a user-self-service call tries to write an attribute the app client may not write. */
export function writesUnauthorizedAttribute(target: string, body: Buffer | undefined): boolean {
  const names = SELF_SERVICE_WRITES[target];
  if (!names) return false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body?.toString('utf8') ?? '');
  } catch {
    return false; // cognito-local answers malformed requests itself
  }
  if (!parsed || typeof parsed !== 'object') return false;
  return names(parsed as Record<string, unknown>).some((n) => typeof n !== 'string' || !USER_WRITABLE_ATTRIBUTES.has(n));
}

function startProxy(listenPort: number, upstream: string): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) {
          if (v === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(k)) continue;
          headers[k] = Array.isArray(v) ? v.join(',') : v;
        }
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const target = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
        if (req.method === 'POST' && writesUnauthorizedAttribute(target, body)) {
          const text = JSON.stringify(UNAUTHORIZED_ATTRIBUTE);
          res.writeHead(400, {
            'content-type': 'application/x-amz-json-1.1',
            'x-amzn-errortype': UNAUTHORIZED_ATTRIBUTE.__type,
            'content-length': String(Buffer.byteLength(text)),
          });
          res.end(text);
          return;
        }
        const up = await fetch(`${upstream}${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
        let out = Buffer.from(await up.arrayBuffer());
        if (up.status === 400 && WRONG_PASSWORD_TARGETS.has(target) && out.includes('InvalidPasswordException')) {
          out = Buffer.from(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }));
        }
        const resHeaders: Record<string, string> = {};
        up.headers.forEach((v, k) => {
          if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) resHeaders[k] = v;
        });
        resHeaders['content-length'] = String(out.length);
        res.writeHead(up.status, resHeaders);
        res.end(out);
      } catch (err) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'InternalErrorException', message: `cognito-local unreachable: ${(err as Error).message}` }));
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, HOST, () => resolve(server));
  });
}

export async function startCognito(dataDir: string, port: number): Promise<CognitoHandle> {
  const cwd = join(dataDir, 'cognito');
  mkdirSync(join(cwd, '.cognito'), { recursive: true });
  const endpoint = `http://${HOST}:${port}`;
  // Plain usernames (cognito-local defaults new pools to email usernames), and tokens issued by the
  // endpoint clients actually use (the proxy), as AWS issues them by the pool's public URL.
  writeFileSync(
    join(cwd, '.cognito', 'config.json'),
    `${JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] }, TokenConfig: { IssuerDomain: endpoint } }, null, 2)}\n`,
  );
  const innerPort = await freePort();
  const bin = join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const child = new ManagedChild('cognito-local', process.execPath, [bin], {
    cwd,
    env: { ...process.env, PORT: String(innerPort), HOST, NODE_OPTIONS: '', DEBUG: '' },
  });
  const inner = `http://${HOST}:${innerPort}`;
  await waitUntil('cognito-local', async () => (await fetch(`${inner}/health`)).ok, {
    timeoutMs: 30_000,
    intervalMs: 100,
    failed: () => (child.exited ? `exited (code ${child.exited.code}):\n${child.output()}` : undefined),
  });
  const proxy = await startProxy(port, inner);
  const client = new CognitoIdentityProviderClient({ region: REGION, endpoint, credentials: localCredentials });
  return {
    endpoint,
    client,
    child,
    async stop() {
      client.destroy();
      await new Promise<void>((r) => {
        proxy.close(() => r());
        proxy.closeAllConnections();
      });
      await child.stop();
    },
  };
}

export interface PoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

const CUSTOM_ATTRIBUTES = SCOPE_ATTRIBUTES;

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
