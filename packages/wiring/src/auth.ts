// auth: sign-in and the caller's own password.
import { changePasswordInput, loginInput, type LoginResult, type Me } from '@sifasuo/domain';
import { AUDITED, defineContext, reply, route } from './types';

export const auth = defineContext({
  context: 'auth',
  functions: [
    {
      id: 'auth-api', context: 'auth', kind: 'api', entry: 'functions/src/auth/api.ts',
      tables: [{ table: 'org', access: 'readwrite' }, AUDITED], userPool: 'admin', timeoutSeconds: 10, memoryMb: 512,
    },
  ],
  routes: [
    route('POST', '/api/auth/login', 'auth-api', { auth: 'none', body: loginInput, response: reply<LoginResult>() }),
    route('GET', '/api/auth/me', 'auth-api', { response: reply<Me>() }),
    route('POST', '/api/auth/password', 'auth-api', { body: changePasswordInput }),
  ],
});
