// auth: our own identity service — credentials, sessions and their tokens, the second factor, and
// the authorizer that checks every signed-in request (issue 11; docs/domain.md, Security duties).
import {
  changePasswordInput,
  loginInput,
  refreshInput,
  resetPasswordInput,
  totpConfirmInput,
  totpDisableInput,
  totpEnrolLoginInput,
  totpLoginInput,
  updateAuthSettingsInput,
  type AccountSecurity,
  type AuthSettings,
  type LockedAccount,
  type LoginStep,
  type MyAccount,
  type PublicJwk,
  type SessionTokens,
  type TotpEnrolment,
} from '@sifasuo/domain';
import { orgEvents } from './org';
import { AUDITED, defineContext, GSI1, reply, route } from './types';

/** User records are the org context's; auth reads them for roles, unit and status, and never writes them. */
const READS_USERS = { table: 'org', access: 'read' } as const;

export const auth = defineContext({
  context: 'auth',
  tables: [{ id: 'auth', context: 'auth', indexes: [GSI1], personalData: true }],
  functions: [
    {
      id: 'auth-api', context: 'auth', kind: 'api', entry: 'functions/src/auth/api.ts',
      tables: [{ table: 'auth', access: 'readwrite' }, READS_USERS, AUDITED], signing: 'sign', timeoutSeconds: 10, memoryMb: 512,
    },
    {
      id: 'auth-authorizer', context: 'auth', kind: 'authorizer', entry: 'functions/src/auth/authorizer.ts',
      tables: [{ table: 'auth', access: 'read' }, READS_USERS], signing: 'verify', timeoutSeconds: 5, memoryMb: 512,
    },
    {
      id: 'auth-session-guard', context: 'auth', kind: 'consumer', entry: 'functions/src/auth/session-guard.ts',
      tables: [{ table: 'auth', access: 'readwrite' }, AUDITED], timeoutSeconds: 30, memoryMb: 256,
    },
    {
      id: 'auth-demo-seed', context: 'auth', kind: 'seed', entry: 'functions/src/auth/seed.ts',
      tables: [{ table: 'auth', access: 'readwrite' }, AUDITED], timeoutSeconds: 120, memoryMb: 512,
    },
  ],
  routes: [
    route('POST', '/api/auth/login', 'auth-api', { auth: 'none', body: loginInput, response: reply<LoginStep>() }),
    route('POST', '/api/auth/login/totp', 'auth-api', { auth: 'none', body: totpLoginInput, response: reply<LoginStep>() }),
    route('POST', '/api/auth/login/totp-enrolment', 'auth-api', { auth: 'none', body: totpEnrolLoginInput, response: reply<LoginStep>() }),
    route('POST', '/api/auth/refresh', 'auth-api', { auth: 'none', body: refreshInput, response: reply<SessionTokens>() }),
    route('GET', '/api/auth/jwks.json', 'auth-api', { auth: 'none', response: reply<{ keys: PublicJwk[] }>() }),
    route('POST', '/api/auth/logout', 'auth-api'),
    route('GET', '/api/auth/me', 'auth-api', { response: reply<MyAccount>() }),
    route('POST', '/api/auth/password', 'auth-api', { body: changePasswordInput }),
    route('POST', '/api/auth/totp/enrolment', 'auth-api', { response: reply<TotpEnrolment>() }),
    route('POST', '/api/auth/totp', 'auth-api', { body: totpConfirmInput, response: reply<{ recoveryCodes: string[] }>() }),
    route('POST', '/api/auth/totp/disable', 'auth-api', { body: totpDisableInput }),
    route('GET', '/api/auth/accounts/{username}', 'auth-api', { response: reply<AccountSecurity>() }),
    route('PUT', '/api/auth/accounts/{username}/password', 'auth-api', { body: resetPasswordInput }),
    route('POST', '/api/auth/accounts/{username}/sign-out', 'auth-api', { response: reply<{ ended: number }>() }),
    route('POST', '/api/auth/accounts/{username}/totp-reset', 'auth-api'),
    route('GET', '/api/auth/locked-accounts', 'auth-api', { response: reply<{ items: LockedAccount[] }>() }),
    route('GET', '/api/auth/settings', 'auth-api', { response: reply<AuthSettings>() }),
    route('PUT', '/api/auth/settings', 'auth-api', { body: updateAuthSettingsInput, response: reply<AuthSettings>() }),
  ],
  queues: [{ id: 'session-guard', consumer: 'auth-session-guard', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 180 }],
  // A disabled user, or one whose roles or unit changed, has their sessions ended.
  eventRules: [{ id: 'auth-user-changed', events: [orgEvents.UserChanged], targetQueue: 'session-guard' }],
  seed: 'auth-demo-seed',
});
