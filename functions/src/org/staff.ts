// Office staff: read within scope, changed by the office itself or the county admin. ID numbers are
// masked unless revealed (audited) to someone who may change the record.
import {
  canReadOffice,
  canWriteOfficeRecords,
  forbidden,
  ORG_AUDIT,
  type CreateStaffInput,
  type Page,
  type PageQuery,
  type Staff,
  type StaffQuery,
  type UpdateStaffInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { writeAudit } from '../shared/audit-writer';
import type { RequestContext } from '../shared/request-context';
import { loadStaff, maskStaff, readableOffice, throwIfAny } from './access';
import { orgRepository as repo } from './repository';

/**
 * Contact offices named in the body must exist and be within the caller's scope (400 on the item
 * otherwise). One answer for both: an office the caller may not see is not told apart from none.
 */
const requireContactOffices = async (ctx: RequestContext, ids: string[] | undefined) => {
  const found = await Promise.all((ids ?? []).map((id) => repo.getOffice(id)));
  const usable = (i: number) => !!found[i] && canReadOffice(ctx.actor!, found[i]!);
  throwIfAny(Object.fromEntries((ids ?? []).flatMap((id, i) => (usable(i) ? [] : [[`contactForOfficeIds.${i}`, `司法所 ${id} 不存在`]]))));
};

const writableOffice = async (ctx: RequestContext, officeId: string, what?: string) => {
  const office = await readableOffice(ctx, officeId, what);
  if (!canWriteOfficeRecords(ctx.actor!, office.id)) throw forbidden('只能维护本所的工作人员');
  return office;
};

export const staff = {
  listStaff: async (ctx: RequestContext, officeId: string, q: PageQuery): Promise<Page<Staff>> => {
    await readableOffice(ctx, officeId);
    const page = await repo.listStaff(officeId, q.limit, q.cursor);
    return { ...page, items: page.items.map(maskStaff) };
  },

  createStaff: async (ctx: RequestContext, officeId: string, input: CreateStaffInput): Promise<Staff> => {
    const office = await writableOffice(ctx, officeId);
    await requireContactOffices(ctx, input.contactForOfficeIds);
    const created: Staff = {
      ...input, id: ulid(ctx.now.getTime()), officeId, areaId: office.areaId, version: 1, updatedAt: ctx.now.toISOString(),
    };
    await repo.createStaff(ctx, created);
    return maskStaff(created);
  },

  /** `reveal=idNumber` shows the full ID number to those who may change the record, and is audited. */
  getStaff: async (ctx: RequestContext, id: string, q: StaffQuery): Promise<Staff> => {
    const found = await loadStaff(id);
    await readableOffice(ctx, found.officeId, '工作人员');
    if (!q.reveal) return maskStaff(found);
    // A refused reveal is recorded by the route (api.ts), like one on a record the caller cannot see.
    if (!canWriteOfficeRecords(ctx.actor!, found.officeId)) throw forbidden('无权查看完整身份证号');
    await writeAudit(ctx, { action: ORG_AUDIT['staff.reveal-id-number'], targetId: id, outcome: 'success' });
    return found;
  },

  updateStaff: async (ctx: RequestContext, id: string, { version, ...input }: UpdateStaffInput): Promise<Staff> => {
    const before = await loadStaff(id);
    const office = await writableOffice(ctx, before.officeId, '工作人员');
    await requireContactOffices(ctx, input.contactForOfficeIds);
    const after: Staff = {
      ...input,
      // Omitted means unchanged: the portal only ever holds the masked form.
      idNumber: input.idNumber ?? before.idNumber,
      id,
      officeId: before.officeId,
      areaId: office.areaId,
      version: version + 1,
      updatedAt: ctx.now.toISOString(),
    };
    await repo.replaceStaff(ctx, before, after, version);
    return maskStaff(after);
  },
};
