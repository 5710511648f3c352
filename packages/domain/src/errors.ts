// Domain errors: the only failures a use case reports on purpose. The HTTP edge maps each kind to one
// status (validation 400, unauthenticated 401, forbidden 403, not found 404, conflict 409, unsupported
// media type 415, locked 423); anything else is an internal fault and surfaces as a bare 500. The codes
// are the API's whole error vocabulary: the edge's own refusals (no session, a body that is not JSON)
// are raised as these errors too, so one mapper answers them all.

export type FieldErrors = Record<string, string>;

export type DomainErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'LOCKED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    /** Why a record that exists was answered as missing (recorded as a denial, never sent). */
    readonly hiddenBecause?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationError = (fields: FieldErrors, message = '提交的数据有误，请检查标出的字段') =>
  new DomainError('VALIDATION', message, fields);
export const unauthenticated = (message = '未登录或登录已过期，请重新登录') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = '无权访问该数据') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what}不存在`);
/**
 * A record the caller may not see: answered exactly as one that does not exist (so ids cannot be
 * probed), and audited as a denial with the reason.
 */
export const hiddenRecord = (what: string, reason = '超出数据范围') => new DomainError('NOT_FOUND', `${what}不存在`, undefined, reason);
export const staleVersion = () => new DomainError('CONFLICT', '数据已被他人修改，请刷新后重试');
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const unsupportedMediaType = (message = '请求体须为 JSON（Content-Type: application/json）') =>
  new DomainError('UNSUPPORTED_MEDIA_TYPE', message);
export const locked = (message: string) => new DomainError('LOCKED', message);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
