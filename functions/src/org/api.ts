// org context HTTP routes: thin adapters from requests to use cases.
import { ORG_AUDIT } from '@sifasuo/domain';
import { auditedApiHandler } from '../shared/audited-api';
import { bodyString, created, ok } from '../shared/http';
import { dictionaries } from './dictionaries';
import { offices } from './offices';
import { staff } from './staff';
import { summaries } from './summaries';
import { users } from './users';
import { org as orgWiring } from '@sifasuo/wiring/src/org';

export const handler = auditedApiHandler(orgWiring, 'org-api', {
  'GET /api/org/bureau': { handle: async ({ ctx }) => ok(await offices.getBureau(ctx)) },
  'GET /api/org/departments': { handle: async ({ ctx }) => ok(await offices.listDepartments(ctx)) },
  'GET /api/org/areas': { handle: async ({ ctx }) => ok(await offices.listAreas(ctx)) },

  'GET /api/org/offices': { handle: async ({ ctx, query }) => ok(await offices.listOffices(ctx, query)) },
  'POST /api/org/offices': {
    audit: { action: ORG_AUDIT['office.create'], targetId: ({ raw }) => bodyString(raw, 'id') },
    handle: async ({ ctx, body }) => created(await offices.createOffice(ctx, body)),
  },
  'GET /api/org/offices/{officeId}': { handle: async ({ ctx, path }) => ok(await offices.getOffice(ctx, path.officeId)) },
  'PUT /api/org/offices/{officeId}': {
    audit: { action: ORG_AUDIT['office.update'], targetId: ({ path }) => path.officeId ?? '' },
    handle: async ({ ctx, path, body }) => ok(await offices.updateOffice(ctx, path.officeId, body)),
  },

  'GET /api/org/offices/{officeId}/staff': {
    handle: async ({ ctx, path, query }) => ok(await staff.listStaff(ctx, path.officeId, query)),
  },
  'POST /api/org/offices/{officeId}/staff': {
    audit: { action: ORG_AUDIT['staff.create'], targetId: ({ path }) => path.officeId ?? '' },
    handle: async ({ ctx, path, body }) => created(await staff.createStaff(ctx, path.officeId, body)),
  },
  'GET /api/org/staff/{staffId}': {
    // A refused reveal of the ID number is recorded as one, whether or not the record was visible.
    audit: { action: ORG_AUDIT['staff.reveal-id-number'], targetId: ({ path }) => path.staffId ?? '', when: ({ query }) => !!query.reveal },
    handle: async ({ ctx, path, query }) => ok(await staff.getStaff(ctx, path.staffId, query)),
  },
  'PUT /api/org/staff/{staffId}': {
    audit: { action: ORG_AUDIT['staff.update'], targetId: ({ path }) => path.staffId ?? '' },
    handle: async ({ ctx, path, body }) => ok(await staff.updateStaff(ctx, path.staffId, body)),
  },

  'GET /api/org/users': { handle: async ({ ctx, query }) => ok(await users.listUsers(ctx, query)) },
  'POST /api/org/users': {
    audit: { action: ORG_AUDIT['user.create'], targetId: ({ raw }) => bodyString(raw, 'username') },
    handle: async ({ ctx, body }) => created(await users.createUser(ctx, body)),
  },
  'GET /api/org/users/{username}': { handle: async ({ ctx, path }) => ok(await users.getUser(ctx, path.username)) },
  'PUT /api/org/users/{username}': {
    audit: { action: ORG_AUDIT['user.update'], targetId: ({ path }) => path.username ?? '' },
    handle: async ({ ctx, path, body }) => ok(await users.updateUser(ctx, path.username, body)),
  },

  'GET /api/org/staffing': { handle: async ({ ctx }) => ok(await summaries.staffing(ctx)) },
  'GET /api/org/user-summary': { handle: async ({ ctx }) => ok(await summaries.userSummary(ctx)) },
  'GET /api/org/recent-changes': { handle: async ({ ctx, query }) => ok(await summaries.recentChanges(ctx, query)) },

  'GET /api/org/dictionaries': { handle: async ({ ctx }) => ok(await dictionaries.listDictionaries(ctx)) },
  'GET /api/org/dictionaries/{name}': { handle: async ({ ctx, path }) => ok(await dictionaries.getDictionary(ctx, path.name)) },
  'PUT /api/org/dictionaries/{name}': {
    audit: { action: ORG_AUDIT['dictionary.update'], targetId: ({ path }) => path.name ?? '' },
    handle: async ({ ctx, path, body }) => ok(await dictionaries.updateDictionary(ctx, path.name, body)),
  },
});
