// auth context HTTP routes.
import { AUTH_AUDIT } from '@sifasuo/domain';
import { auth as authWiring } from '@sifasuo/wiring/src/auth';
import { auditedApiHandler } from '../shared/audited-api';
import { noContent, ok } from '../shared/http';
import { accountAdmin } from './account-admin';
import { accounts } from './accounts';
import { lockedAccounts } from './locked-accounts';
import { jwks } from './signer';
import { signIn } from './sign-in';

const own = ({ ctx }: { ctx: { actor?: { username: string } } }) => ctx.actor?.username ?? '';
const named = ({ path }: { path: Record<string, string | undefined> }) => path.username ?? '';

export const handler = auditedApiHandler(authWiring, 'auth-api', {
  'POST /api/auth/login': { handle: async ({ ctx, body }) => ok(await signIn.login(ctx, body)) },
  'POST /api/auth/login/totp': { handle: async ({ ctx, body }) => ok(await signIn.loginTotp(ctx, body)) },
  'POST /api/auth/login/totp-enrolment': { handle: async ({ ctx, body }) => ok(await signIn.loginTotpEnrolment(ctx, body)) },
  'POST /api/auth/refresh': { handle: async ({ ctx, body }) => ok(await signIn.refresh(ctx, body)) },
  'GET /api/auth/jwks.json': { handle: async () => ok(await jwks()) },
  'POST /api/auth/logout': {
    handle: async ({ ctx }) => {
      await signIn.logout(ctx);
      return noContent();
    },
  },
  'GET /api/auth/me': { handle: async ({ ctx }) => ok(await accounts.me(ctx)) },
  'POST /api/auth/password': {
    audit: { action: AUTH_AUDIT['change-password'], targetId: own },
    handle: async ({ ctx, body }) => {
      await accounts.changePassword(ctx, body);
      return noContent();
    },
  },
  'POST /api/auth/totp/enrolment': { handle: async ({ ctx }) => ok(await accounts.startEnrolment(ctx)) },
  'POST /api/auth/totp': {
    audit: { action: AUTH_AUDIT['totp.enrol'], targetId: own },
    handle: async ({ ctx, body }) => ok(await accounts.confirmEnrolment(ctx, body)),
  },
  'POST /api/auth/totp/disable': {
    audit: { action: AUTH_AUDIT['totp.disable'], targetId: own },
    handle: async ({ ctx, body }) => {
      await accounts.disableOwn(ctx, body);
      return noContent();
    },
  },
  'GET /api/auth/accounts/{username}': { handle: async ({ ctx, path }) => ok(await accountAdmin.security(ctx, path.username)) },
  'PUT /api/auth/accounts/{username}/password': {
    audit: { action: AUTH_AUDIT['reset-password'], targetId: named },
    handle: async ({ ctx, path, body }) => {
      await accountAdmin.resetPassword(ctx, path.username, body);
      return noContent();
    },
  },
  'POST /api/auth/accounts/{username}/sign-out': {
    audit: { action: AUTH_AUDIT['end-sessions'], targetId: named },
    handle: async ({ ctx, path }) => ok(await accountAdmin.signOut(ctx, path.username)),
  },
  'POST /api/auth/accounts/{username}/totp-reset': {
    audit: { action: AUTH_AUDIT['totp.reset'], targetId: named },
    handle: async ({ ctx, path }) => {
      await accountAdmin.resetSecondFactor(ctx, path.username);
      return noContent();
    },
  },
  'GET /api/auth/locked-accounts': { handle: async ({ ctx }) => ok(await lockedAccounts(ctx)) },
  'GET /api/auth/settings': { handle: async ({ ctx }) => ok(await accountAdmin.settings(ctx)) },
  'PUT /api/auth/settings': {
    audit: { action: AUTH_AUDIT['settings.update'], targetId: () => 'auth' },
    handle: async ({ ctx, body }) => ok(await accountAdmin.updateSettings(ctx, body)),
  },
});
