// Browser uploads straight to storage (functions/src/shared/uploads.ts): a page asks its context's API
// for a ticket (`{ size: file.size, … }`), PUTs the file here, then names the upload id to the route
// that uses it. The ticket signs the exact size and content type, so the file given here must be the
// one the ticket was asked for; the URL is another origin (S3), reached without the session's token.
import type { UploadTicket } from '@sifasuo/domain';

export const UPLOAD_FAILED = '文件上传失败，请重试';

/** PUTs `file` where the ticket says, with its headers; refused or unreachable, an Error with a Chinese message. */
export const uploadFile = async (ticket: Pick<UploadTicket, 'url' | 'method' | 'headers'>, file: File | Blob): Promise<void> => {
  let res: Response;
  try {
    res = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: file });
  } catch {
    // The network, or a CORS refusal (which fetch reports only as a TypeError).
    throw new Error(UPLOAD_FAILED);
  }
  if (!res.ok) throw new Error(UPLOAD_FAILED);
};
