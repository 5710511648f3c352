// auth context HTTP routes.
import { AUTH_AUDIT } from '@sifasuo/domain';
import { auditedApiHandler } from '../shared/audited-api';
import { noContent, ok } from '../shared/http';
import { auth } from './use-cases';
import { auth as authWiring } from '@sifasuo/wiring/src/auth';

export const handler = auditedApiHandler(authWiring, 'auth-api', {
  'POST /api/auth/login': { handle: async ({ ctx, body }) => ok(await auth.login(ctx, body)) },
  'GET /api/auth/me': { handle: async ({ ctx }) => ok(await auth.me(ctx)) },
  'POST /api/auth/password': {
    audit: { action: AUTH_AUDIT['change-password'], targetId: ({ ctx }) => ctx.actor?.username ?? '' },
    handle: async ({ ctx, body }) => {
      await auth.changePassword(ctx, body);
      return noContent();
    },
  },
});
