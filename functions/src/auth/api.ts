// auth context HTTP routes.
import { apiHandler, noContent, ok } from '../shared/http';
import { auth } from './use-cases';

export const handler = apiHandler('auth-api', {
  'POST /api/auth/login': { handle: async ({ ctx, body }) => ok(await auth.login(ctx, body)) },
  'GET /api/auth/me': { handle: async ({ ctx }) => ok(await auth.me(ctx)) },
  'POST /api/auth/password': {
    audit: { action: 'auth.change-password', target: (req) => ({ type: 'user', id: req.ctx.actor?.username ?? '' }) },
    handle: async ({ ctx, body }) => {
      await auth.changePassword(ctx, body);
      return noContent();
    },
  },
});
