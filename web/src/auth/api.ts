// The auth context's calls: sign-in and the caller's own password.
import type { RequestBody } from '@sifasuo/wiring';
import { call } from '../kit/api';

export const authApi = {
  login: (body: RequestBody<'POST /api/auth/login'>) => call('POST /api/auth/login', { body }),
  changePassword: (body: RequestBody<'POST /api/auth/password'>) => call('POST /api/auth/password', { body }),
};
