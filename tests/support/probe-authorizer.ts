// A test-only Lambda authorizer (REQUEST, payload 2.0, simple response) for the local gateway's own
// tests: it answers what the token asks for and records every invocation in the probe log, so tests
// see the event it got and count how often the gateway asked (its cache). The product's authorizer is
// functions/src/auth/authorizer.ts; this one serves only the test routes that name it.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { probeLog } from './test-wiring';

/** One per module load: every invocation carries it, so a test sees the module was loaded once. */
const INSTANCE = randomUUID();
let invocations = 0;

/** `Bearer <verdict>-<anything>`: allow, deny, throw, slow (past the 1 s timeout), malformed. */
export const handler = async (event: APIGatewayRequestAuthorizerEventV2) => {
  invocations++;
  const token = (event.identitySource?.[0] ?? '').replace(/^Bearer\s+/i, '');
  appendFileSync(probeLog(process.pid), `${JSON.stringify({ kind: 'authorizer', token, instance: INSTANCE, invocation: invocations, event })}\n`);
  switch (token.split('-')[0]) {
    case 'allow':
      return {
        isAuthorized: true,
        context: { state: 'active', username: token, roles: 'office_staff', expiresAt: 4102444800, invocation: invocations, nested: { a: [1] } },
      };
    case 'throw':
      throw new Error('probe authorizer: deliberate failure');
    case 'slow':
      await new Promise((r) => setTimeout(r, 1500));
      return { isAuthorized: true };
    case 'malformed':
      return { isAuthorized: 'yes' };
    default:
      return { isAuthorized: false };
  }
};
