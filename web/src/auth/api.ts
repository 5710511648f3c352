// The auth context's calls: sign-in and its second-factor steps, the caller's own password and second
// factor, and the county administrator's view of accounts and the county's sign-in settings.
import type { RequestBody } from '@sifasuo/wiring';
import { call } from '../kit/api';

export const authApi = {
  login: (body: RequestBody<'POST /api/auth/login'>) => call('POST /api/auth/login', { body }),
  loginTotp: (body: RequestBody<'POST /api/auth/login/totp'>) => call('POST /api/auth/login/totp', { body }),
  loginEnrol: (body: RequestBody<'POST /api/auth/login/totp-enrolment'>) => call('POST /api/auth/login/totp-enrolment', { body }),
  changePassword: (body: RequestBody<'POST /api/auth/password'>) => call('POST /api/auth/password', { body }),

  me: () => call('GET /api/auth/me'),
  startTotp: () => call('POST /api/auth/totp/enrolment'),
  confirmTotp: (body: RequestBody<'POST /api/auth/totp'>) => call('POST /api/auth/totp', { body }),
  disableTotp: (body: RequestBody<'POST /api/auth/totp/disable'>) => call('POST /api/auth/totp/disable', { body }),

  account: (username: string) => call('GET /api/auth/accounts/{username}', { path: { username } }),
  resetPassword: (username: string, body: RequestBody<'PUT /api/auth/accounts/{username}/password'>) =>
    call('PUT /api/auth/accounts/{username}/password', { path: { username }, body }),
  signOut: (username: string) => call('POST /api/auth/accounts/{username}/sign-out', { path: { username } }),
  resetTotp: (username: string) => call('POST /api/auth/accounts/{username}/totp-reset', { path: { username } }),
  settings: () => call('GET /api/auth/settings'),
  updateSettings: (body: RequestBody<'PUT /api/auth/settings'>) => call('PUT /api/auth/settings', { body }),
};
