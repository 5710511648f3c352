// The org context's calls: departments, areas, offices, staff, users, dictionaries.
import type { RequestBody, RequestQuery } from '@sifasuo/wiring';
import { all, call } from '../kit/api';

export const orgApi = {
  departments: () => call('GET /api/org/departments').then((p) => p.items),
  areas: () => call('GET /api/org/areas').then((p) => p.items),
  offices: () => all('GET /api/org/offices'),
  office: (officeId: string) => call('GET /api/org/offices/{officeId}', { path: { officeId } }),
  updateOffice: (officeId: string, body: RequestBody<'PUT /api/org/offices/{officeId}'>) =>
    call('PUT /api/org/offices/{officeId}', { path: { officeId }, body }),

  staff: (officeId: string) => all('GET /api/org/offices/{officeId}/staff', { path: { officeId } }),
  createStaff: (officeId: string, body: RequestBody<'POST /api/org/offices/{officeId}/staff'>) =>
    call('POST /api/org/offices/{officeId}/staff', { path: { officeId }, body }),
  updateStaff: (staffId: string, body: RequestBody<'PUT /api/org/staff/{staffId}'>) =>
    call('PUT /api/org/staff/{staffId}', { path: { staffId }, body }),
  /** The full ID number (audited on the server). */
  revealStaff: (staffId: string) => call('GET /api/org/staff/{staffId}', { path: { staffId }, query: { reveal: 'idNumber' } }),

  /** Every account that matches the search (name or username, office, role), page after page. */
  users: (query?: RequestQuery<'GET /api/org/users'>) => all('GET /api/org/users', { query }),
  createUser: (body: RequestBody<'POST /api/org/users'>) => call('POST /api/org/users', { body }),
  updateUser: (username: string, body: RequestBody<'PUT /api/org/users/{username}'>) =>
    call('PUT /api/org/users/{username}', { path: { username }, body }),
  /** A new user's initial password: the auth context's route (users' credentials are the auth context's). */
  setInitialPassword: (username: string, body: RequestBody<'PUT /api/auth/accounts/{username}/password'>) =>
    call('PUT /api/auth/accounts/{username}/password', { path: { username }, body }),

  dictionaries: () => call('GET /api/org/dictionaries').then((p) => p.items),
  updateDictionary: (name: string, body: RequestBody<'PUT /api/org/dictionaries/{name}'>) =>
    call('PUT /api/org/dictionaries/{name}', { path: { name }, body }),
};
