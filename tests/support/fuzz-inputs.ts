// Inputs for the fuzz suite (tests/generated/fuzz.test.ts): fast-check arbitraries of bad bodies,
// bad path values and bad query strings, built from a route's own schemas. Every value they give is
// invalid by construction or by filter, so a request built from one can never create or change anything;
// the one exception, bodies carrying a file, pass their schema but hold no file anything can be read from.
import { crc32 } from 'node:zlib';
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

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
/** The schema under optional, default, pipe and the like. */
const unwrapped = (schema: z.ZodType): z.ZodType => {
  const def = defOf(schema);
  return def.innerType ? unwrapped(def.innerType) : def.in ? unwrapped(def.in) : schema;
};

/** The top-level keys an object schema (or the options of a union of them) declares. */
export const schemaKeys = (schema: z.ZodType): string[] => {
  const def = defOf(unwrapped(schema));
  if (def.shape) return Object.keys(def.shape);
  if (def.options) return [...new Set((def.options as z.ZodType[]).flatMap(schemaKeys))];
  return [];
};

/**
 * Objects of a schema's own keys, each absent or holding a wrong value — or, for a nested object or a
 * list of them, itself such an object (up to `depth` levels), so the checks below the top are reached
 * too. A discriminated union's objects carry one option's discriminator, so its own fields are checked
 * rather than the request refused at the discriminator.
 */
const ownKeysWrong = (schema: z.ZodType, depth = 2): fc.Arbitrary<Record<string, unknown>> | undefined => {
  const def = defOf(unwrapped(schema));
  if (def.options) {
    const options = def.options as z.ZodType[];
    const arms = options.flatMap((o) => ownKeysWrong(o, depth) ?? []);
    const discriminated = def.discriminator
      ? arms.map((arm, i) => arm.map((v) => ({ ...v, [def.discriminator]: defOf(defOf(options[i]!).shape[def.discriminator]).values[0] })))
      : [];
    return arms.length ? fc.oneof(...arms, ...discriminated, ...discriminated) : undefined;
  }
  if (!def.shape) return undefined;
  const valueOf = (field: z.ZodType): fc.Arbitrary<unknown> => {
    const inner = unwrapped(field);
    const element = defOf(inner).element as z.ZodType | undefined;
    const nested = depth > 0 ? (element ? ownKeysWrong(element, depth - 1)?.map((v) => [v]) : ownKeysWrong(inner, depth - 1)) : undefined;
    return nested ? fc.oneof({ weight: 2, arbitrary: wrongValue }, { weight: 1, arbitrary: nested }) : wrongValue;
  };
  return fc.record(Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([k, field]) => [k, valueOf(field)])), { requiredKeys: [] });
};

/** What the function receives of a JSON body: `JSON.stringify` drops or changes some values (-0, NaN, undefined). */
export const asSent = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** Bodies the schema refuses: any JSON, its own keys holding wrong values, deep nesting, odd strings. */
export const badBody = (schema: z.ZodType): fc.Arbitrary<unknown> => {
  const own = ownKeysWrong(schema);
  const ownAndExtraKeys = own
    ? fc.tuple(own, fc.option(fc.dictionary(fc.string({ maxLength: 10 }), wrongValue, { maxKeys: 2 }))).map(([mine, extra]) => ({ ...extra, ...mine }))
    : fc.dictionary(fc.string({ maxLength: 10 }), wrongValue, { maxKeys: 4 });
  return fc
    .oneof(
      { weight: 5, arbitrary: ownAndExtraKeys },
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

// ---- Files in a body (`contentBase64`): what no schema can check -----------------------------------

/** The body fields that carry a file, base64-encoded (named `…Base64`). */
export const fileFields = (schema: z.ZodType): string[] => schemaKeys(schema).filter((k) => /Base64$/.test(k));

/** A zip of stored (uncompressed) entries: enough to get past a workbook reader's first look. */
const storedZip = (entries: [name: string, data: Buffer][]) => {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, fileName, data);
    directory.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
};

const WORKBOOK_PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
/** Part contents a workbook reader chokes on: cut short, out of range, entity expansion, not XML at all. */
const badPart = fc.oneof(
  fc.constantFrom(
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row></sheetData></worksheet>',
    '<worksheet><sheetData><row r="1048577"><c r="XFE1048577" t="n"><v>1e309</v></c><c r="A0" t="d"><v>not-a-date</v></c></row></sheetData></worksheet>',
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><sst><si><t>&c;</t></si></sst>',
    '<workbook><sheets><sheet name="人民调解员花名册" sheetId="1" r:id="rId1"',
    '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="x" sheetId="1" r:id="rId404"/></sheets></workbook>',
    '',
  ),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
).map((text) => Buffer.from(text));
const bytes64 = (b: Uint8Array | Buffer) => Buffer.from(b).toString('base64');

/** File contents that are no roster workbook, base64 or not even that. */
const badFileContent: fc.Arbitrary<string> = fc.oneof(
  // Random bytes, and bytes that start like a zip (an xlsx is one) or a PDF.
  fc.uint8Array({ minLength: 1, maxLength: 4096 }).map(bytes64),
  fc.uint8Array({ maxLength: 2048 }).map((b) => bytes64(Buffer.concat([Buffer.from('PK\u0003\u0004'), b]))),
  fc.uint8Array({ maxLength: 512 }).map((b) => bytes64(Buffer.concat([Buffer.from('%PDF-1.7\n'), b]))),
  // A zip with nothing in it, and zips of workbook parts that are broken.
  fc.constant(bytes64(storedZip([]))),
  fc.array(fc.tuple(fc.constantFrom(...WORKBOOK_PARTS), badPart), { minLength: 1, maxLength: 6 }).map((entries) => bytes64(storedZip(entries))),
  // Text, not a workbook: CSV with the roster's headers, and text that is no base64 at all.
  fc.constant(bytes64(Buffer.from('姓名,性别,身份证号,民族,学历\n张三,男,110101199003071234,汉族,大学本科\n'))),
  fc.oneof(nastyString, cjk, fc.constantFrom('====', '!!!!', 'data:application/vnd.ms-excel;base64,AAAA', ' ', '\u0000')),
);

/**
 * Bodies the schema takes whose file is no roster: the other fields hold the first of `usable` their
 * schema accepts (an existing office, a file name), so the request reaches the reading of the file.
 * Nothing can be imported from such a file. Undefined when some field takes none of `usable`.
 */
export const badFileBody = (schema: z.ZodType, usable: readonly string[]): fc.Arbitrary<unknown> | undefined => {
  const files = fileFields(schema);
  const shape = defOf(unwrapped(schema)).shape as Record<string, z.ZodType> | undefined;
  if (!files.length || !shape) return undefined;
  const rest: Record<string, string> = {};
  for (const [key, field] of Object.entries(shape)) {
    if (files.includes(key)) continue;
    const value = usable.find((v) => field.safeParse(v).success);
    if (value === undefined) return undefined;
    rest[key] = value;
  }
  return fc
    .record(Object.fromEntries(files.map((k) => [k, badFileContent])))
    .map((contents) => ({ ...rest, ...contents }))
    .filter((body) => schema.safeParse(body).success);
};
