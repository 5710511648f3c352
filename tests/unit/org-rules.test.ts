import { centralOfficeProblems, countyDefinition, fieldErrorsOf, userUnitProblems } from '@sifasuo/domain';

const area = { id: '08', name: '湖滨片区', centralOfficeId: '0801' };

describe('one central office per area', () => {
  it('accepts the area central office and any regular office', () => {
    expect(centralOfficeProblems({ id: '0801', areaId: '08', officeClass: 'central' }, area)).toEqual({});
    expect(centralOfficeProblems({ id: '0810', areaId: '08', officeClass: 'regular' }, area)).toEqual({});
  });

  it('refuses a second central office, an unknown area, and demoting or moving the central office', () => {
    expect(centralOfficeProblems({ id: '0810', areaId: '08', officeClass: 'central' }, area)).toEqual({ officeClass: '湖滨片区已有片区中心所（0801）' });
    expect(centralOfficeProblems({ id: '0810', areaId: '42', officeClass: 'regular' }, undefined)).toEqual({ areaId: '片区不存在' });
    const before = { areaId: '08', officeClass: 'central' as const };
    expect(centralOfficeProblems({ id: '0801', areaId: '08', officeClass: 'regular' }, area, before)).toEqual({ officeClass: '片区中心所不能改为一般所或调出本片区' });
    expect(centralOfficeProblems({ id: '0801', areaId: '07', officeClass: 'central' }, area, before)).toEqual({ officeClass: '片区中心所不能改为一般所或调出本片区' });
  });
});

describe('user units', () => {
  it('needs existing units and puts area directors in central offices', () => {
    expect(userUnitProblems({ roles: ['office_staff'], officeId: '0999' }, undefined, true)).toEqual({ officeId: '司法所 0999 不存在' });
    expect(userUnitProblems({ roles: ['department'], departmentId: 'x' }, undefined, false)).toEqual({ departmentId: '股室 x 不存在' });
    expect(userUnitProblems({ roles: ['area_director'], officeId: '0102' }, { officeClass: 'regular' }, true)).toEqual({ officeId: '片区中心所长须属于片区中心司法所' });
    expect(userUnitProblems({ roles: ['area_director'], officeId: '0101' }, { officeClass: 'central' }, true)).toEqual({});
  });
});

describe('county definition', () => {
  const office = (id: string, officeClass: 'central' | 'regular') => ({ id, name: `${id}所`, township: `${id}乡`, officeClass });
  const bureau = { name: '某县司法局', county: '某县', address: '某县城关镇', phone: '0791-86000000' };

  it('needs exactly one central office per area and unique office ids', () => {
    const r = countyDefinition.safeParse({
      bureau,
      areas: [
        { id: '01', name: '一片', offices: [office('0101', 'central'), office('0102', 'central')] },
        { id: '02', name: '二片', offices: [office('0101', 'regular')] },
        { id: '02', name: '又一个二片', offices: [office('0201', 'central')] },
      ],
    });
    expect(r.success).toBe(false);
    expect(fieldErrorsOf(r.error!)).toEqual({
      'areas.0.offices': '片区须有且只有一个片区中心所（现有2个）',
      'areas.1.offices': '片区须有且只有一个片区中心所（现有0个）',
      'areas.1.offices.0.id': '司法所编号 0101 重复',
      'areas.2.id': '片区编号 02 重复',
    });
  });
});

describe('the demo county', () => {
  it('is a valid county definition: 8 areas, 49 offices', async () => {
    const { county } = await import('@sifasuo/domain/src/demo-county');
    const parsed = countyDefinition.parse(county);
    expect(parsed.areas).toHaveLength(8);
    expect(parsed.areas.flatMap((a) => a.offices)).toHaveLength(49);
  });
});
