// Inputs for the fuzz suite (tests/integration/fuzz.test.ts): fast-check arbitraries of bad bodies,
// bad path values and bad query strings, built from a route's own schemas. Every value they give is
// invalid by construction or by filter, so a request built from one can never create or change anything.
import fc from 'fast-check';
import type * as z from 'zod';

/** Characters that have broken text handling elsewhere: NUL, bidi override, lone surrogates, invisibles, line breaks. */
const nastyChar = fc.constantFrom('\u0000', '\u202e', '\ud800', '\udfff', '\u200b', '\u001b', '\ufeff', '\n', '\t', '\u0085', '\u2028', '\u00ad');
const nastyString = fc
  .tuple(fc.string({ maxLength: 8 }), nastyChar, fc.string({ unit: 'grapheme', maxLength: 8 }))
  .map(([a, c, b]) => a + c + b);
/** Strings a lenient parser might read as numbers, and blanks a lenient check might take as absent. */
const numberish = fc.constantFrom('NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x1F', '１２３', '1_000', ' 42 ', '', '   ', '0', '-1', '1.5');
/** Up to 100,000 UTF-16 units: big, yet its JSON (≤ 6 bytes a unit) stays under the gateway's 1 MB, so the function answers. */
const hugeString = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), fc.integer({ min: 5_000, max: 100_000 }))
  .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));

/** A value nested `depth` levels, alternating arrays and objects; past 32 levels the adapter refuses it unparsed. */
const nested = (depth: number, inner: unknown): unknown => {
  let v = inner;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const deep = fc.tuple(fc.integer({ min: 8, max: 40 }), fc.jsonValue({ maxDepth: 1 })).map(([d, v]) => nested(d, v));

/** A value of some wrong type or content for any field. */
const wrongValue = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: numberish },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}) },
  { weight: 1, arbitrary: hugeString },
);

/** The top-level keys an object schema (or the options of a union of them) declares. */
export const schemaKeys = (schema: z.ZodType): string[] => {
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  if (def.shape) return Object.keys(def.shape);
  if (def.options) return [...new Set((def.options as z.ZodType[]).flatMap(schemaKeys))];
  if (def.in) return schemaKeys(def.in);
  if (def.innerType) return schemaKeys(def.innerType);
  return [];
};

/** What the function receives of a JSON body: `JSON.stringify` drops or changes some values (-0, NaN, undefined). */
export const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Bodies the schema refuses: any JSON, its own keys holding wrong values, deep nesting, odd strings. */
export const badBody = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  const keys = schemaKeys(schema);
  const ownKeysWrong = keys.length
    ? fc
        .tuple(fc.record(Object.fromEntries(keys.map((k) => [k, wrongValue])), { requiredKeys: [] }), fc.option(fc.dictionary(fc.string({ maxLength: 10 }), wrongValue, { maxKeys: 2 })))
        .map(([own, extra]) => ({ ...extra, ...own }))
    : fc.dictionary(fc.string({ maxLength: 10 }), wrongValue, { maxKeys: 4 });
  return fc
    .oneof(
      { weight: 5, arbitrary: ownKeysWrong },
      { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      { weight: 1, arbitrary: deep },
      { weight: 1, arbitrary: fc.oneof(nastyString, numberish, hugeString) },
    )
    .filter((v) => bytes(JSON.stringify(v)) < 900_000 && !schema.safeParse(asSent(v)).success);
};

/** A body as raw text: a content type that is not JSON, or text that is not well-formed JSON. */
export interface RawBody {
  contentType: string;
  text: string;
}

const NOT_JSON_TYPES = ['text/plain', 'text/plain; charset=utf-8', 'text/html', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/xml'];
const MALFORMED_JSON = ['', ' ', '{', '}', '{"a":}', "{'a':1}", '{"a":1,}', '[1,2', 'NaN', 'undefined', '\ufeff{}', '{"a":"\\x00"}', '{"a":"\\u12"}', 'nul', '\u0000', '{"a":1}{"b":2}', '{"a" 1}', '--', '{"__proto__":', '"unterminated'];

export const rawBody = (schema: z.ZodType): fc.Arbitrary<RawBody> =>
  fc
    .oneof(
      // A bad body under a content type that is not JSON (415 whatever the text).
      fc.tuple(fc.constantFrom(...NOT_JSON_TYPES), badBody(schema)).map(([contentType, v]) => ({ contentType, text: JSON.stringify(v) })),
      // Said to be JSON, but cut short or never JSON at all.
      fc.constantFrom(...MALFORMED_JSON).map((text) => ({ contentType: 'application/json', text })),
      fc
        .tuple(badBody(schema), fc.integer({ min: 1, max: 40 }))
        .map(([v, cut]) => {
          const text = JSON.stringify(v);
          return { contentType: 'application/json', text: text.slice(0, Math.max(0, text.length - cut)) };
        }),
    )
    // Text that parses after all must still be refused by the schema.
    .filter(({ text }) => {
      try {
        return !schema.safeParse(JSON.parse(text)).success;
      } catch {
        return true;
      }
    });

/**
 * The marker every short path value carries: no id, username or dictionary name has a '~' (and a
 * handler that trims or folds case cannot remove it), so a value can never name a real record.
 */
const MARKER = '~';
const withMarker = (s: string, at: number) => {
  const cut = Math.min(at, s.length);
  return `${s.slice(0, cut)}${MARKER}${s.slice(cut)}`;
};
const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)), minLength: 1, maxLength: 40 });
const percentJunk = fc.array(fc.constantFrom('%', '%00', '%zz', '%E0%A4', '%2F', '%25', '%C0%AE', '%u202e', '%%'), { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const dots = fc.constantFrom('..', '.', '../..', '..%2F', '%2e%2e', '.%2e', '..\\', '...');
const shortPathValue = fc
  .tuple(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      cjk,
      percentJunk,
      dots,
      nastyString.map((s) => s.replace(/[\ud800-\udfff]/g, '')),
      fc.string({ unit: fc.constantFrom(' ', '\t', '\u3000', 'a', '0', '-'), maxLength: 10 }),
    ),
    fc.nat(40),
  )
  .map(([s, at]) => withMarker(s, at));
/** Longer than any id may be (the adapter's 128): 129–3,000 UTF-16 units, repeating a unicode seed. */
const longPathValue = fc
  .tuple(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }), cjk, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 6 })), fc.integer({ min: 129, max: 3000 }))
  .map(([seed, n]) => {
    const s = seed.repeat(Math.ceil(n / seed.length)).slice(0, n + 1);
    // Do not end on half a surrogate pair: encodeURIComponent would throw.
    return /[\ud800-\udbff]$/.test(s) ? s.slice(0, -1) : s;
  });

/** Encoded, the longest path value sent: Node's HTTP server refuses request heads over 16 KB (a 431 with no body). */
const MAX_ENCODED_PATH_VALUE = 12_000;
const encodable = (v: string) => {
  try {
    return encodeURIComponent(v).length <= MAX_ENCODED_PATH_VALUE;
  } catch {
    return false;
  }
};

/** Path values that name nothing: they fail every id's shape (a '~' in them) or are too long for any id. */
export const badPathValue: fc.Arbitrary<string> = fc
  .oneof({ weight: 3, arbitrary: shortPathValue }, { weight: 1, arbitrary: longPathValue })
  .filter((v) => v.length > 0 && (v.includes(MARKER) || v.length > 128) && encodable(v));

/** The parameters the function sees for a query string (repeated keys joined by commas, as API Gateway does). */
export const queryParams = (qs: string): Record<string, string> => {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(qs)) params[k] = k in params ? `${params[k]},${v}` : v;
  return params;
};

const queryValue = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: numberish },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: cjk },
  { weight: 2, arbitrary: fc.constantFrom('2024-13-01', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00', 'yesterday', '0', '101', '1e2', 'idNumber ', 'IDNUMBER', 'true') },
  // Past the cursor's 2,048.
  { weight: 1, arbitrary: fc.integer({ min: 2049, max: 3000 }).map((n) => 'c'.repeat(n)) },
);

/** Query strings the schema refuses: its own keys and random ones, holding random values. */
export const badQuery = (schema: z.ZodType): fc.Arbitrary<string> => {
  const keys = schemaKeys(schema);
  const key = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  return fc
    .dictionary(key, queryValue, { minKeys: 1, maxKeys: 5 })
    .map((params) => new URLSearchParams(params).toString())
    .filter((qs) => !schema.safeParse(queryParams(qs)).success);
};
