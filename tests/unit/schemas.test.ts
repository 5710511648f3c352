import { createStaffInput, createUserInput, fieldErrorsOf, updateDictionaryInput } from '@sifasuo/domain';

const staff = {
  name: '王建国', sex: 'male', phone: '13912345678', post: '司法助理员', education: '大学本科', legalExamCertificate: false,
};

const errorsOf = (schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? {} : fieldErrorsOf(r.error as never);
};

describe('shared schemas speak Chinese, field by field', () => {
  it('accepts a valid staff member and fills defaults', () => {
    expect(createStaffInput.parse(staff)).toEqual({ ...staff, status: 'active' });
  });

  it('names each bad field', () => {
    expect(errorsOf(createStaffInput, { ...staff, name: '', phone: '12345', idNumber: '110105194912310021', extra: 1 })).toEqual({
      name: '请填写姓名',
      phone: '联系电话应为11位手机号或带区号的固定电话',
      idNumber: '身份证号校验位不正确',
      extra: '不允许的字段',
    });
  });

  it('rejects over-long text and cross-field gaps', () => {
    expect(errorsOf(createStaffInput, { ...staff, name: '王'.repeat(21), legalExamCertificate: true })).toEqual({
      name: '姓名不能超过20个字',
      certificateNo: '持有法律职业资格证书时请填写证书编号',
    });
  });

  it('requires a unit for unit roles', () => {
    expect(errorsOf(createUserInput, { username: 'new-user', displayName: '新用户', roles: ['office_staff'] })).toEqual({
      officeId: '司法所工作人员和片区中心所长须指定所属司法所',
    });
  });

  it('refuses duplicate dictionary codes', () => {
    const entries = [{ code: 'a', label: '甲' }, { code: 'a', label: '乙' }];
    expect(errorsOf(updateDictionaryInput, { entries, version: 1 })).toEqual({ 'entries.1.code': '编码 a 重复' });
  });
});
