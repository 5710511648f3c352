// Stand-in until the uploads kit (branch reg-uploads) is merged: the same signature, a plain PUT of the
// file to the ticket's presigned URL with the ticket's headers. Merging reg-uploads replaces this file.
import { ApiError } from './api';

export const uploadFile = async (ticket: { url: string; method: string; headers: Record<string, string> }, file: File | Blob): Promise<void> => {
  let res: Response;
  try {
    res = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: file });
  } catch {
    throw new ApiError(0, 'NETWORK', '文件上传失败，请检查网络后重试');
  }
  if (!res.ok) throw new ApiError(res.status, 'UPLOAD_FAILED', `文件上传失败（${res.status}），请重试`);
};
