// Uploads: a file goes straight to storage by a presigned PUT. The ticket is recorded first (who asked,
// for what, the file's name and size), so only its owner can use the upload afterwards (an import, a
// task's attachment).
import { canUpload, forbidden, MAX_IMPORT_BYTES, REGISTERS_AUDIT, validationError, type UploadRequestInput, type UploadTicket } from '@sifasuo/domain';
import { ulid } from 'ulid';
import { XLSX_TYPE } from '../shared/http';
import type { RequestContext } from '../shared/request-context';
import { uploads } from '../shared/uploads';
import { requireActor } from './entries';
import { entriesRepository as repo, entryItems, type UploadRecord } from './entries-repository';

/** The type the file is stored with, from its name: a workbook, or bytes. */
export const contentTypeOf = (fileName: string) => (/\.xlsx$/i.test(fileName) ? XLSX_TYPE : 'application/octet-stream');

/** The upload the caller asked for, or a 404 naming it (another's upload answers like a missing one). */
export const ownUpload = async (ctx: RequestContext, uploadId: string): Promise<UploadRecord | undefined> => {
  const upload = await repo.getUpload(uploadId);
  return upload && upload.owner === requireActor(ctx).username ? upload : undefined;
};

export const uploadTickets = {
  create: async (ctx: RequestContext, input: UploadRequestInput): Promise<UploadTicket> => {
    const actor = requireActor(ctx);
    if (!canUpload(actor, input.purpose)) throw forbidden(input.purpose === 'import' ? '只有司法所工作人员可以上传导入文件' : '无权上传附件');
    // An import reads at most MAX_IMPORT_BYTES: a bigger file is refused before it is sent.
    if (input.purpose === 'import' && input.size > MAX_IMPORT_BYTES) throw validationError({ size: `导入文件不能超过${MAX_IMPORT_BYTES / 1024 / 1024}MB` });
    const upload: UploadRecord = {
      id: ulid(ctx.now.getTime()), owner: actor.username, purpose: input.purpose, fileName: input.fileName, size: input.size, createdAt: ctx.now.toISOString(),
    };
    const ticket = await uploads.ticket(upload.id, { size: upload.size, contentType: contentTypeOf(upload.fileName) }, ctx.now);
    await repo.create(ctx, entryItems.upload(upload), { action: REGISTERS_AUDIT['upload.create'], targetId: upload.id, after: upload }, '上传编号重复，请重试');
    return { uploadId: upload.id, ...ticket };
  },
};
