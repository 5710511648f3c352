// The domain's shared text schemas (packages/domain/src/validation.ts): every free-text field trims,
// normalises to NFC, and refuses controls and invisible characters with a Chinese message.
import * as z from 'zod';
import {
  countyDefinition,
  createOfficeInput,
  createStaffInput,
  createUserInput,
  fieldErrorsOf,
  multilineText,
  optionalMultilineText,
  optionalText,
  text,
  textProblem,
  updateDictionaryInput,
} from '@sifasuo/domain';

const errorsOf = (schema: z.ZodType, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? {} : fieldErrorsOf(r.error);
};
const name = z.strictObject({ name: text('姓名', 20) });
const note = z.strictObject({ note: multilineText('备注', 50) });

describe('textProblem', () => {
  it.each([
    ['NUL', 'a\u0000b', 'control'],
    ['BEL', 'a\u0007b', 'control'],
    ['ESC', 'a\u001b[31mb', 'control'],
    ['DEL', 'a\u007fb', 'control'],
    ['C1 (NEL)', 'a\u0085b', 'control'],
    ['C1 (CSI)', 'a\u009bb', 'control'],
    ['a carriage return', 'a\rb', 'control'],
    ['a lone high surrogate', 'a\ud800b', 'surrogate'],
    ['a high surrogate at the end', 'ab\ud83d', 'surrogate'],
    ['a lone low surrogate', 'a\udc00b', 'surrogate'],
    ['reversed surrogates', 'a\ude00\ud83db', 'surrogate'],
    ['RLO', 'abc\u202egpj.exe', 'bidi'],
    ['LRE', '\u202aab', 'bidi'],
    ['RLI', 'a\u2067b', 'bidi'],
    ['PDI', 'a\u2069b', 'bidi'],
    ['ZWSP', 'a\u200bb', 'invisible'],
    ['ZWJ', 'a\u200db', 'invisible'],
    ['word joiner', 'a\u2060b', 'invisible'],
    ['BOM inside', 'a\ufeffb', 'invisible'],
  ])('finds %s', (_what, s, problem) => {
    expect(textProblem(s)).toBe(problem);
    expect(textProblem(s, true)).toBe(problem);
  });

  it('allows tab and newline in multi-line text only', () => {
    expect(textProblem('a\tb')).toBe('newline');
    expect(textProblem('a\nb')).toBe('newline');
    expect(textProblem('a\u2028b')).toBe('newline');
    expect(textProblem('a\tb\nc', true)).toBeUndefined();
  });

  it('accepts ordinary text, including characters outside the BMP and combining marks', () => {
    for (const s of ['王建国', '城关司法所（中心所）', 'Zoë O’Brien', '𠀋𡈽𡌛', '😀 ok', 'e\u0301', '', '１２３　全角']) {
      expect(textProblem(s)).toBeUndefined();
    }
  });
});

describe('text schemas', () => {
  it('trim and normalise to NFC', () => {
    expect(name.parse({ name: '  Zoe\u0301  ' })).toEqual({ name: 'Zo\u00e9' });
    expect(name.parse({ name: '\ufeff王建国\u3000' })).toEqual({ name: '王建国' });
  });

  it('refuse controls with a message naming the field and the problem', () => {
    expect(errorsOf(name, { name: 'a\u0000b' })).toEqual({ name: '姓名不能包含控制字符或不可见字符' });
    expect(errorsOf(name, { name: 'a\nb' })).toEqual({ name: '姓名不能换行或包含制表符' });
    expect(errorsOf(name, { name: 'a\ud800b' })).toEqual({ name: '姓名包含无效的字符（不成对的代理项）' });
    expect(errorsOf(name, { name: 'a\u202eb' })).toEqual({ name: '姓名不能包含文字方向控制字符' });
    expect(errorsOf(name, { name: 'a\u200bb' })).toEqual({ name: '姓名不能包含零宽字符或其他不可见字符' });
  });

  it('keep the existing messages for missing, wrong-typed and over-long text', () => {
    expect(errorsOf(name, {})).toEqual({ name: '请填写姓名' });
    expect(errorsOf(name, { name: '   ' })).toEqual({ name: '请填写姓名' });
    expect(errorsOf(name, { name: 42 })).toEqual({ name: '请填写姓名' });
    expect(errorsOf(name, { name: '王'.repeat(21) })).toEqual({ name: '姓名不能超过20个字' });
    const address = z.strictObject({ address: optionalText('地址', 5) });
    expect(address.parse({})).toEqual({});
    expect(errorsOf(address, { address: 1 })).toEqual({ address: '地址应为文字' });
    expect(errorsOf(address, { address: '123456' })).toEqual({ address: '地址不能超过5个字' });
    expect(errorsOf(address, { address: 'a\u0007' })).toEqual({ address: '地址不能包含控制字符或不可见字符' });
  });

  it('multi-line text keeps newlines and tabs (CRLF stored as LF) and refuses the rest', () => {
    expect(note.parse({ note: '第一行\r\n\t第二行\r第三行\n' })).toEqual({ note: '第一行\n\t第二行\n第三行' });
    expect(errorsOf(note, { note: '一\u0000二' })).toEqual({ note: '备注不能包含控制字符或不可见字符' });
    expect(errorsOf(note, { note: '一\u202e二' })).toEqual({ note: '备注不能包含文字方向控制字符' });
    const optional = z.strictObject({ note: optionalMultilineText('备注', 10) });
    expect(optional.parse({ note: 'a\nb' })).toEqual({ note: 'a\nb' });
    expect(errorsOf(optional, { note: '\u200b' })).toEqual({ note: '备注不能包含零宽字符或其他不可见字符' });
  });
});

describe('every free-text field of the org schemas uses them', () => {
  const office = { id: '0109', name: '城关司法所', township: '城关镇', areaId: '01', officeClass: 'regular', address: '人民路1号' };
  const staff = { name: '王建国', sex: 'male', phone: '13912345678', post: '司法助理员', education: '大学本科', legalExamCertificate: true, certificateNo: 'A1' };
  const user = { username: 'new-user', displayName: '新用户', roles: ['department'], departmentId: 'mediation' };
  const bad = 'x\u0000y';

  it.each([
    ['office name', createOfficeInput, office, 'name'],
    ['township', createOfficeInput, office, 'township'],
    ['office address', createOfficeInput, office, 'address'],
    ['staff name', createStaffInput, staff, 'name'],
    ['certificate number', createStaffInput, staff, 'certificateNo'],
    ['display name', createUserInput, user, 'displayName'],
  ] as const)('%s', (_what, schema, valid, field) => {
    expect(schema.safeParse(valid).success).toBe(true);
    const errors = errorsOf(schema, { ...valid, [field]: bad });
    expect(errors[field]).toMatch(/不能包含控制字符或不可见字符$/);
  });

  it('dictionary labels and the county definition', () => {
    const entries = [{ code: 'a', label: `标签${bad}` }];
    expect(errorsOf(updateDictionaryInput, { entries, version: 1 })).toEqual({ 'entries.0.label': '名称不能包含控制字符或不可见字符' });
    const county = {
      bureau: { name: `司法局${bad}`, county: '某县', address: '某路', phone: '0871-1234567' },
      areas: [{ id: '01', name: '片区\u202e', offices: [{ ...office, id: '0101', officeClass: 'central' }] }],
    };
    expect(errorsOf(countyDefinition, county)).toEqual({
      'bureau.name': '司法局名称不能包含控制字符或不可见字符',
      'areas.0.name': '片区名称不能包含文字方向控制字符',
    });
  });
});
