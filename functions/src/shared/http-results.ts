// What an API route answers and how it goes on the wire: the result builders handlers return (`ok`,
// `created`, `fileAnswer`, …) and the responses the adapter (http.ts) sends — JSON, a file download, a
// domain error's status with its Chinese message, or a bare 500.
import type { DomainError, DomainErrorCode } from '@sifasuo/domain';
import type { FileDownload } from '@sifasuo/wiring/src/types';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { attachmentDisposition } from './disposition';

export interface ApiResult<T = unknown> {
  status: number;
  body?: T;
  /** A file instead of JSON (routes declared with `fileReply()`): sent base64-encoded, as a download. */
  file?: FileContent;
}

export interface FileContent {
  contentType: string;
  /** The name the browser saves it under (Chinese allowed: RFC 5987). */
  fileName: string;
  bytes: Uint8Array;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';

const STATUS: Record<DomainErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LOCKED: 423,
};

export const json = (status: number, body?: unknown, requestId?: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: status,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // The audit record of the request carries the same id: staff can quote it, auditors find it.
    ...(requestId ? { 'x-request-id': requestId } : {}),
  },
  body: body === undefined ? '' : JSON.stringify(body),
});

export const INTERNAL = { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' };
export const AUDIT_FAILED = { code: 'INTERNAL', message: '审计记录未能写入，请求未完成，请稍后重试' };

/** A domain error's answer: its status and its Chinese message (field by field for a 400). */
export const errorResponse = (e: DomainError, requestId?: string) =>
  json(STATUS[e.code], { code: e.code, message: e.message, ...(e.fields ? { fields: e.fields } : {}) }, requestId);

export const ok = <T>(body: T): ApiResult<T> => ({ status: 200, body });
export const created = <T>(body: T): ApiResult<T> => ({ status: 201, body });
/** Taken on, done later (a run started: its scoring goes through the queue). */
export const accepted = <T>(body: T): ApiResult<T> => ({ status: 202, body });
export const noContent = (): ApiResult<void> => ({ status: 204 });
/** A file answer; its type is the wiring's `FileDownload`, so only a `fileReply()` route can return it. */
export const fileAnswer = (file: FileContent): ApiResult<FileDownload> => ({ status: 200, file });

export const fileResponse = (f: FileContent, requestId?: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: {
    'content-type': f.contentType,
    'content-disposition': attachmentDisposition(f.fileName),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...(requestId ? { 'x-request-id': requestId } : {}),
  },
  body: Buffer.from(f.bytes).toString('base64'),
  isBase64Encoded: true,
});
