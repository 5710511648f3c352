// Org use cases: each checks scope with the domain's rules, validates with the shared schemas, and
// writes through the repository (change + audit record in one transaction).
import {
  canAdministerOrg,
  canReadOffice,
  canReadReferenceData,
  canWriteOfficeRecords,
  createOfficeInput,
  createStaffInput,
  createUserInput,
  forbidden,
  maskIdNumber,
  notFound,
  officeListQuery,
  pageQuery,
  parseInput,
  readScope,
  resetPasswordInput,
  passwordProblem,
  updateDictionaryInput,
  updateOfficeInput,
  updateStaffInput,
  updateUserInput,
  OFFICE_ID,
  STAFF_ID,
  USERNAME,
  validationError,
  dictionaryName,
  DICTIONARY_LABELS,
  type Area,
  type Dictionary,
  type Office,
  type Page,
  type Staff,
  type User,
  type FieldErrors,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { logger } from '../shared/aws';
import { writeAudit, type RequestContext } from '../shared/audit-writer';
import { publishEvent } from '../shared/events';
import { directory } from './directory';
import { orgRepository as repo } from './repository';

const requireReferenceReader = (ctx: RequestContext) => {
  if (!ctx.actor || !canReadReferenceData(ctx.actor)) throw forbidden();
  return ctx.actor;
};
const requireAdmin = (ctx: RequestContext) => {
  if (!ctx.actor || !canAdministerOrg(ctx.actor)) throw forbidden('仅系统管理员可以执行此操作');
  return ctx.actor;
};

// Ids from the path are checked by shape first: a malformed one names nothing, so it is a 404.
const loadOffice = async (id: string) => {
  const office = OFFICE_ID.test(id) ? await repo.getOffice(id) : undefined;
  if (!office) throw notFound('司法所');
  return office;
};

const readableOffice = async (ctx: RequestContext, id: string) => {
  const actor = requireReferenceReader(ctx);
  const office = await loadOffice(id);
  if (!canReadOffice(actor, office)) throw forbidden('无权查看该司法所的数据');
  return office;
};

const maskStaff = (s: Staff): Staff => (s.idNumber ? { ...s, idNumber: maskIdNumber(s.idNumber) } : s);

/** Unknown references in a request body are the caller's mistake: 400 on the field. */
const requireExisting = async (checks: Array<[field: string, exists: Promise<unknown>, message: string]>) => {
  const fields: FieldErrors = {};
  for (const [field, exists, message] of checks) if (!(await exists)) fields[field] = message;
  if (Object.keys(fields).length) throw validationError(fields);
};

export const org = {
  getBureau: async (ctx: RequestContext) => {
    requireReferenceReader(ctx);
    const bureau = await repo.getBureau();
    if (!bureau) throw notFound('司法局信息');
    return bureau;
  },

  listDepartments: async (ctx: RequestContext) => {
    requireReferenceReader(ctx);
    return { items: await repo.listDepartments() };
  },

  /** Areas the caller can see: all, or the one its office belongs to. */
  listAreas: async (ctx: RequestContext): Promise<Page<Area>> => {
    const actor = requireReferenceReader(ctx);
    const areas = await repo.listAreas();
    const scope = readScope(actor);
    if (scope.kind === 'all') return { items: areas };
    const own = scope.kind === 'area' ? scope.areaId : scope.kind === 'office' ? (await repo.getOffice(scope.officeId))?.areaId : undefined;
    return { items: areas.filter((a) => a.id === own) };
  },

  listOffices: async (ctx: RequestContext, query: unknown): Promise<Page<Office>> => {
    const actor = requireReferenceReader(ctx);
    const q = parseInput(pageQuery.extend(officeListQuery.shape), query);
    const scope = readScope(actor);
    switch (scope.kind) {
      case 'all':
        return q.areaId ? repo.listOfficesOfArea(q.areaId, q.limit, q.cursor) : repo.listOffices(q.limit, q.cursor);
      case 'area':
        if (q.areaId && q.areaId !== scope.areaId) throw forbidden('无权查看其他片区的司法所');
        return repo.listOfficesOfArea(scope.areaId, q.limit, q.cursor);
      case 'office': {
        const own = await repo.getOffice(scope.officeId);
        return { items: own && (!q.areaId || q.areaId === own.areaId) ? [own] : [] };
      }
      case 'none':
        throw forbidden();
    }
  },

  getOffice: (ctx: RequestContext, id: string) => readableOffice(ctx, id),

  createOffice: async (ctx: RequestContext, body: unknown): Promise<Office> => {
    requireAdmin(ctx);
    const input = parseInput(createOfficeInput, body);
    await requireCentralOfficeRule(input);
    const office: Office = { ...input, version: 1, updatedAt: ctx.now.toISOString() };
    await repo.createOffice(ctx, office);
    return office;
  },

  updateOffice: async (ctx: RequestContext, id: string, body: unknown): Promise<Office> => {
    requireAdmin(ctx);
    const { version, ...input } = parseInput(updateOfficeInput, body);
    const before = await loadOffice(id);
    await requireCentralOfficeRule({ ...input, id }, before);
    const after: Office = { ...input, id, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceOffice(ctx, before, after, version);
    return after;
  },

  listStaff: async (ctx: RequestContext, officeId: string, query: unknown): Promise<Page<Staff>> => {
    await readableOffice(ctx, officeId);
    const q = parseInput(pageQuery, query);
    const page = await repo.listStaff(officeId, q.limit, q.cursor);
    return { ...page, items: page.items.map(maskStaff) };
  },

  createStaff: async (ctx: RequestContext, officeId: string, body: unknown): Promise<Staff> => {
    const office = await readableOffice(ctx, officeId);
    if (!canWriteOfficeRecords(ctx.actor!, office.id)) throw forbidden('只能维护本所的工作人员');
    const input = parseInput(createStaffInput, body);
    await requireContactOffices(input.contactForOfficeIds);
    const staff: Staff = { ...input, id: ulid(ctx.now.getTime()), officeId, version: 1, updatedAt: ctx.now.toISOString() };
    await repo.createStaff(ctx, staff);
    return maskStaff(staff);
  },

  /** `reveal=idNumber` shows the full ID number to those who may change the record, and is audited. */
  getStaff: async (ctx: RequestContext, id: string, query: Record<string, string | undefined>): Promise<Staff> => {
    const staff = await loadStaff(id);
    await readableOffice(ctx, staff.officeId);
    if (query.reveal === undefined) return maskStaff(staff);
    if (query.reveal !== 'idNumber') throw validationError({ reveal: '只能查看完整身份证号（reveal=idNumber）' });
    if (!canWriteOfficeRecords(ctx.actor!, staff.officeId)) {
      await writeAudit(ctx, { action: 'org.staff.reveal-id-number', targetType: 'staff', targetId: id, outcome: 'denied' });
      throw forbidden('无权查看完整身份证号');
    }
    await writeAudit(ctx, { action: 'org.staff.reveal-id-number', targetType: 'staff', targetId: id, outcome: 'success' });
    return staff;
  },

  updateStaff: async (ctx: RequestContext, id: string, body: unknown): Promise<Staff> => {
    const before = await loadStaff(id);
    await readableOffice(ctx, before.officeId);
    if (!canWriteOfficeRecords(ctx.actor!, before.officeId)) throw forbidden('只能维护本所的工作人员');
    const { version, ...input } = parseInput(updateStaffInput, body);
    await requireContactOffices(input.contactForOfficeIds);
    const after: Staff = {
      ...input,
      // Omitted means unchanged: the portal only ever holds the masked form.
      idNumber: input.idNumber ?? before.idNumber,
      id,
      officeId: before.officeId,
      version: version + 1,
      updatedAt: ctx.now.toISOString(),
    };
    await repo.replaceStaff(ctx, before, after, version);
    return maskStaff(after);
  },

  listUsers: async (ctx: RequestContext, query: unknown): Promise<Page<User>> => {
    requireAdmin(ctx);
    const q = parseInput(pageQuery, query);
    return repo.listUsers(q.limit, q.cursor);
  },

  getUser: async (ctx: RequestContext, username: string): Promise<User> => {
    requireAdmin(ctx);
    return loadUser(username);
  },

  createUser: async (ctx: RequestContext, body: unknown): Promise<User> => {
    requireAdmin(ctx);
    const { password, ...input } = parseInput(createUserInput, body);
    const weak = passwordProblem(password);
    if (weak) throw validationError({ password: weak });
    if (await repo.getUser(input.username)) throw validationError({ username: `用户名 ${input.username} 已存在` });
    const user: User = { ...input, ...(await unitOf(input)), version: 1, updatedAt: ctx.now.toISOString() };
    await directory.createUser(user, password);
    try {
      await repo.createUser(ctx, user);
    } catch (e) {
      // Keep the two stores in step: no sign-in identity without its user record.
      await directory.deleteUser(user.username).catch((err) => logger.error('could not undo directory user', { error: err as Error }));
      throw e;
    }
    await announceUserChanged(user);
    return user;
  },

  updateUser: async (ctx: RequestContext, username: string, body: unknown): Promise<User> => {
    requireAdmin(ctx);
    const { version, ...input } = parseInput(updateUserInput, body);
    const before = await loadUser(username);
    if (username === ctx.actor!.username) {
      if (!input.enabled) throw validationError({ enabled: '不能停用自己的账号' });
      if ([...input.roles].sort().join() !== [...before.roles].sort().join()) throw validationError({ roles: '不能修改自己的角色' });
    }
    const after: User = { ...input, ...(await unitOf(input)), username, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceUser(ctx, before, after, version);
    await announceUserChanged(after);
    return after;
  },

  resetPassword: async (ctx: RequestContext, username: string, body: unknown): Promise<void> => {
    requireAdmin(ctx);
    const { password } = parseInput(resetPasswordInput, body);
    await loadUser(username);
    await directory.setPassword(username, password);
    await repo.resetLoginState(username);
    await writeAudit(ctx, { action: 'org.user.reset-password', targetType: 'user', targetId: username, outcome: 'success' });
  },

  listDictionaries: async (ctx: RequestContext) => {
    requireReferenceReader(ctx);
    return { items: await repo.listDictionaries() };
  },

  getDictionary: async (ctx: RequestContext, name: string): Promise<Dictionary> => {
    requireReferenceReader(ctx);
    const parsed = dictionaryName.safeParse(name);
    const dict = parsed.success ? await repo.getDictionary(parsed.data) : undefined;
    if (!dict) throw notFound('字典');
    return dict;
  },

  updateDictionary: async (ctx: RequestContext, name: string, body: unknown): Promise<Dictionary> => {
    requireAdmin(ctx);
    const before = await org.getDictionary(ctx, name);
    const { version, entries } = parseInput(updateDictionaryInput, body);
    const after: Dictionary = { ...before, label: DICTIONARY_LABELS[before.name], entries, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceDictionary(ctx, before, after, version);
    return after;
  },
};

const loadStaff = async (id: string) => {
  const staff = STAFF_ID.test(id) ? await repo.getStaff(id) : undefined;
  if (!staff) throw notFound('工作人员');
  return staff;
};

const loadUser = async (username: string) => {
  const user = USERNAME.test(username) ? await repo.getUser(username) : undefined;
  if (!user) throw notFound('用户');
  return user;
};

/** One central office per area: it cannot be added twice, demoted, or moved out of its area. */
const requireCentralOfficeRule = async (office: Pick<Office, 'id' | 'areaId' | 'officeClass'>, before?: Office) => {
  if (before?.officeClass === 'central' && (office.officeClass !== 'central' || office.areaId !== before.areaId)) {
    throw validationError({ officeClass: '片区中心所不能改为一般所或调出本片区' });
  }
  const area = await repo.getArea(office.areaId);
  if (!area) throw validationError({ areaId: '片区不存在' });
  if (office.officeClass === 'central' && area.centralOfficeId !== office.id) {
    throw validationError({ officeClass: `${area.name}已有片区中心所（${area.centralOfficeId}）` });
  }
};

const requireContactOffices = async (ids: string[] | undefined) =>
  requireExisting((ids ?? []).map((id, i) => [`contactForOfficeIds.${i}`, repo.getOffice(id), `司法所 ${id} 不存在`]));

/** Office and department must exist; an area director heads an area's central office; area follows the office. */
const unitOf = async (input: { roles: User['roles']; officeId?: string; departmentId?: string }) => {
  const office = input.officeId ? await repo.getOffice(input.officeId) : undefined;
  const fields: FieldErrors = {};
  if (input.officeId && !office) fields.officeId = `司法所 ${input.officeId} 不存在`;
  if (input.departmentId && !(await repo.listDepartments()).some((d) => d.id === input.departmentId)) {
    fields.departmentId = `股室 ${input.departmentId} 不存在`;
  }
  if (office && input.roles.includes('area_director') && office.officeClass !== 'central') {
    fields.officeId = '片区中心所长须属于片区中心司法所';
  }
  if (Object.keys(fields).length) throw validationError(fields);
  return { areaId: office?.areaId };
};

/**
 * Cognito follows the record through the bus; if the bus is down, sync now. The record is already
 * saved, so if both fail the change still stands (the next change of the user syncs it) — logged.
 */
const announceUserChanged = async (user: User) => {
  try {
    await publishEvent('org', 'UserChanged', { username: user.username, version: user.version });
  } catch (e) {
    logger.error('UserChanged not published; syncing directly', { error: e as Error });
    await directory.syncUser(user).catch((err) => logger.error('directory sync failed', { error: err as Error, username: user.username }));
  }
};
