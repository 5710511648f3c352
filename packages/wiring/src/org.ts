// org: bureau, departments, areas, offices, staff, users and roles, dictionaries.
import {
  createOfficeInput,
  createStaffInput,
  createUserInput,
  officeListQuery,
  pageQuery,
  recentChangesQuery,
  staffQuery,
  updateDictionaryInput,
  updateOfficeInput,
  updateStaffInput,
  updateUserInput,
  userChanged,
  userListQuery,
  type Area,
  type Bureau,
  type Department,
  type Dictionary,
  type Office,
  type Page,
  type RecentChange,
  type Staff,
  type StaffingSummary,
  type User,
  type UserSummary,
} from '@sifasuo/domain';
import { AUDITED, defineContext, event, GSI1, reply, route } from './types';

export const orgEvents = {
  /** A user record changed; `endsSessions` says why their sessions must end, if they must. */
  UserChanged: event('org', 'UserChanged', userChanged),
};

export const org = defineContext({
  context: 'org',
  tables: [{ id: 'org', context: 'org', indexes: [GSI1], personalData: true }],
  functions: [
    {
      id: 'org-api', context: 'org', kind: 'api', entry: 'functions/src/org/api.ts',
      tables: [{ table: 'org', access: 'readwrite' }, AUDITED], publishesEvents: true,
      timeoutSeconds: 10, memoryMb: 512,
    },
    {
      id: 'org-demo-seed', context: 'org', kind: 'seed', entry: 'functions/src/org/seed.ts',
      tables: [{ table: 'org', access: 'readwrite' }, AUDITED], timeoutSeconds: 120, memoryMb: 512,
    },
  ],
  routes: [
    route('GET', '/api/org/bureau', 'org-api', { response: reply<Bureau>() }),
    route('GET', '/api/org/departments', 'org-api', { response: reply<{ items: Department[] }>() }),
    route('GET', '/api/org/areas', 'org-api', { response: reply<Page<Area>>() }),
    route('GET', '/api/org/offices', 'org-api', { query: officeListQuery, response: reply<Page<Office>>() }),
    route('POST', '/api/org/offices', 'org-api', { body: createOfficeInput, response: reply<Office>() }),
    route('GET', '/api/org/offices/{officeId}', 'org-api', { response: reply<Office>() }),
    route('PUT', '/api/org/offices/{officeId}', 'org-api', { body: updateOfficeInput, response: reply<Office>() }),
    route('GET', '/api/org/offices/{officeId}/staff', 'org-api', { query: pageQuery, response: reply<Page<Staff>>() }),
    route('POST', '/api/org/offices/{officeId}/staff', 'org-api', { body: createStaffInput, response: reply<Staff>() }),
    route('GET', '/api/org/staff/{staffId}', 'org-api', { query: staffQuery, response: reply<Staff>() }),
    route('PUT', '/api/org/staff/{staffId}', 'org-api', { body: updateStaffInput, response: reply<Staff>() }),
    route('GET', '/api/org/users', 'org-api', { query: userListQuery, response: reply<Page<User>>() }),
    route('POST', '/api/org/users', 'org-api', { body: createUserInput, response: reply<User>() }),
    route('GET', '/api/org/users/{username}', 'org-api', { response: reply<User>() }),
    route('PUT', '/api/org/users/{username}', 'org-api', { body: updateUserInput, response: reply<User>() }),
    // The homes' figures (工作台). Paths of their own, so none can be read as a `{username}` or an `{officeId}`.
    route('GET', '/api/org/staffing', 'org-api', { response: reply<StaffingSummary>() }),
    route('GET', '/api/org/user-summary', 'org-api', { response: reply<UserSummary>() }),
    route('GET', '/api/org/recent-changes', 'org-api', { query: recentChangesQuery, response: reply<{ items: RecentChange[] }>() }),
    route('GET', '/api/org/dictionaries', 'org-api', { response: reply<{ items: Dictionary[] }>() }),
    route('GET', '/api/org/dictionaries/{name}', 'org-api', { response: reply<Dictionary>() }),
    route('PUT', '/api/org/dictionaries/{name}', 'org-api', { body: updateDictionaryInput, response: reply<Dictionary>() }),
  ],
  events: orgEvents,
  seed: 'org-demo-seed',
});
