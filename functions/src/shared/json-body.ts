// A request's JSON body, read without trusting it: the content type must say JSON, and size and
// nesting are bounded before JSON.parse runs, so no body can make a 500 (issue 6 §3, §8).
import { unsupportedMediaType, validationError } from '@sifasuo/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** Deepest nesting of objects and arrays a body may have; real bodies need a handful of levels. */
export const MAX_JSON_DEPTH = 32;
/** The gateway refuses more (413 locally); the adapter checks again, as API Gateway allows 10 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How deep the JSON text nests objects and arrays, counted over brackets outside strings: one pass,
 * no recursion, stopping as soon as it passes `limit`. Malformed text is left for JSON.parse to refuse.
 */
export const jsonDepthExceeds = (text: string, limit = MAX_JSON_DEPTH): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* backslash: skip the escaped character */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return false;
};

/** `application/json` or `application/<anything>+json`, with any parameters (`; charset=utf-8`), in any case. */
export const isJsonContentType = (value: string | undefined): boolean => {
  if (!value) return false;
  const type = (value.split(';', 1)[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(type);
};

const headerOf = (event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined => {
  // HTTP API v2 gives header names in lower case; be lenient with hand-built events.
  const headers = event.headers ?? {};
  if (headers[name] !== undefined) return headers[name];
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
};

/** The request's JSON body: it must say it is JSON (415), and is bounded in size and nesting before it is parsed (400). */
export const parseJsonBody = (event: Pick<APIGatewayProxyEventV2, 'body' | 'headers' | 'isBase64Encoded'>): unknown => {
  if (!event.body) return undefined;
  if (!isJsonContentType(headerOf(event, 'content-type'))) throw unsupportedMediaType();
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw validationError({ _: '请求体过大（上限 1 MB）' }, '请求体过大（上限 1 MB）');
  }
  if (jsonDepthExceeds(raw)) throw validationError({ _: `请求体嵌套不能超过${MAX_JSON_DEPTH}层` }, '请求体嵌套层级过深');
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError({ _: '请求体不是有效的 JSON' }, '请求体不是有效的 JSON');
  }
};
