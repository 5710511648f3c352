// org context HTTP routes: thin adapters from requests to use cases.
import { apiHandler, created, noContent, ok, type ApiRequest } from '../shared/http';
import { dictionaries } from './dictionaries';
import { offices } from './offices';
import { staff } from './staff';
import { users } from './users';

const param = (req: ApiRequest, name: string) => req.path[name] ?? '';
const target = (type: string, name: string) => (req: ApiRequest) => ({ type, id: param(req, name) });

export const handler = apiHandler('org-api', {
  'GET /api/org/bureau': { handle: async ({ ctx }) => ok(await offices.getBureau(ctx)) },
  'GET /api/org/departments': { handle: async ({ ctx }) => ok(await offices.listDepartments(ctx)) },
  'GET /api/org/areas': { handle: async ({ ctx }) => ok(await offices.listAreas(ctx)) },

  'GET /api/org/offices': { handle: async ({ ctx, query }) => ok(await offices.listOffices(ctx, query)) },
  'POST /api/org/offices': {
    audit: { action: 'org.office.create', target: (req) => ({ type: 'office', id: String((req.body as { id?: unknown })?.id ?? '') }) },
    handle: async ({ ctx, body }) => created(await offices.createOffice(ctx, body)),
  },
  'GET /api/org/offices/{officeId}': { handle: async (req) => ok(await offices.getOffice(req.ctx, param(req, 'officeId'))) },
  'PUT /api/org/offices/{officeId}': {
    audit: { action: 'org.office.update', target: target('office', 'officeId') },
    handle: async (req) => ok(await offices.updateOffice(req.ctx, param(req, 'officeId'), req.body)),
  },

  'GET /api/org/offices/{officeId}/staff': {
    handle: async (req) => ok(await staff.listStaff(req.ctx, param(req, 'officeId'), req.query)),
  },
  'POST /api/org/offices/{officeId}/staff': {
    audit: { action: 'org.staff.create', target: target('office', 'officeId') },
    handle: async (req) => created(await staff.createStaff(req.ctx, param(req, 'officeId'), req.body)),
  },
  'GET /api/org/staff/{staffId}': { handle: async (req) => ok(await staff.getStaff(req.ctx, param(req, 'staffId'), req.query)) },
  'PUT /api/org/staff/{staffId}': {
    audit: { action: 'org.staff.update', target: target('staff', 'staffId') },
    handle: async (req) => ok(await staff.updateStaff(req.ctx, param(req, 'staffId'), req.body)),
  },

  'GET /api/org/users': { handle: async ({ ctx, query }) => ok(await users.listUsers(ctx, query)) },
  'POST /api/org/users': {
    audit: { action: 'org.user.create', target: (req) => ({ type: 'user', id: String((req.body as { username?: unknown })?.username ?? '') }) },
    handle: async ({ ctx, body }) => created(await users.createUser(ctx, body)),
  },
  'GET /api/org/users/{username}': { handle: async (req) => ok(await users.getUser(req.ctx, param(req, 'username'))) },
  'PUT /api/org/users/{username}': {
    audit: { action: 'org.user.update', target: target('user', 'username') },
    handle: async (req) => ok(await users.updateUser(req.ctx, param(req, 'username'), req.body)),
  },
  'POST /api/org/users/{username}/password': {
    audit: { action: 'org.user.reset-password', target: target('user', 'username') },
    handle: async (req) => {
      await users.resetPassword(req.ctx, param(req, 'username'), req.body);
      return noContent();
    },
  },

  'GET /api/org/dictionaries': { handle: async ({ ctx }) => ok(await dictionaries.listDictionaries(ctx)) },
  'GET /api/org/dictionaries/{name}': { handle: async (req) => ok(await dictionaries.getDictionary(req.ctx, param(req, 'name'))) },
  'PUT /api/org/dictionaries/{name}': {
    audit: { action: 'org.dictionary.update', target: target('dictionary', 'name') },
    handle: async (req) => ok(await dictionaries.updateDictionary(req.ctx, param(req, 'name'), req.body)),
  },
});
