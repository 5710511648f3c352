// The demo county seeded by the local cloud on first start (never in AWS): 8 areas, 49 offices with
// one central office per area, the bureau's departments, a few staff per office, one user per role.
import { idNumberCheckChar } from './id-number';
import { DEFAULT_DEPARTMENTS, type CountyDefinition, type Office, type Staff } from './org';
import type { Role } from './roles';

export const DEMO_PASSWORD = 'Sifasuo@2026';

const AREAS: Array<[name: string, townships: string[]]> = [
  ['城关片区', ['城关镇', '东关镇', '西关乡', '南门乡', '北门乡', '新城镇', '永安镇']],
  ['东山片区', ['东山镇', '东林乡', '东坪乡', '东岭乡', '东溪乡', '东湖乡']],
  ['西河片区', ['西河镇', '西岭乡', '西坪乡', '西山乡', '西塘乡', '西庄乡']],
  ['南岭片区', ['南岭镇', '南坪乡', '南溪乡', '南桥乡', '南湾乡', '南峰乡']],
  ['北山片区', ['北山镇', '北坪乡', '北溪乡', '北岗乡', '北湖乡', '北庄乡']],
  ['河口片区', ['河口镇', '河湾乡', '河滩乡', '河阳乡', '河源乡', '河西乡']],
  ['高山片区', ['高山镇', '云岭乡', '石门乡', '青峰乡', '松林乡', '竹园乡']],
  ['湖滨片区', ['湖滨镇', '湖阳乡', '湖田乡', '湖桥乡', '湖心乡', '湖塘乡']],
];

const pad = (n: number) => String(n).padStart(2, '0');

/** 青山县: 8 areas, 49 offices; office `AA01` is the central office of area `AA`. */
export const county: CountyDefinition = {
  bureau: { name: '青山县司法局', county: '青山县', address: '青山县城关镇人民路 18 号', phone: '0791-86001234' },
  areas: AREAS.map(([name, townships], a) => ({
    id: pad(a + 1),
    name,
    offices: townships.map((township, t) => ({
      id: `${pad(a + 1)}${pad(t + 1)}`,
      name: `${township}司法所`,
      township,
      officeClass: t === 0 ? ('central' as const) : ('regular' as const),
      address: `青山县${township}人民政府院内`,
      phone: `0791-86${pad(a + 1)}${pad(t + 1)}00`,
    })),
  })),
};

export const departmentName = (id: string | undefined) => DEFAULT_DEPARTMENTS.find((d) => d.id === id)?.name;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林'];
const GIVEN = ['建国', '秀英', '伟', '芳', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞'];

/** A valid GB 11643 number for demo data: region 360721, a birth date, sequence, check character. */
export const demoIdNumber = (seq: number, male: boolean): string => {
  const birth = `19${70 + (seq % 25)}${pad((seq % 12) + 1)}${pad((seq % 28) + 1)}`;
  const order = String(100 + ((seq * 2) % 800) + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `360721${birth}${order}`;
  return first17 + idNumberCheckChar(first17);
};

/** Central offices get 3 staff (所长, 司法助理员, 专职人民调解员), regular offices 2. */
export const staffOf = (office: Office, now: string, makeId: (n: number) => string): Staff[] => {
  const posts = office.officeClass === 'central' ? (['所长', '司法助理员', '专职人民调解员'] as const) : (['负责人', '司法助理员'] as const);
  const base = Number(office.id) * 3;
  return posts.map((post, i) => {
    const seq = base + i;
    const male = seq % 2 === 0;
    return {
      id: makeId(seq),
      officeId: office.id,
      areaId: office.areaId,
      name: `${SURNAMES[seq % SURNAMES.length]}${GIVEN[(seq * 7) % GIVEN.length]}`,
      sex: male ? 'male' : 'female',
      idNumber: demoIdNumber(seq, male),
      phone: `139${String(70000000 + seq * 137).padStart(8, '0')}`,
      post,
      education: i === 0 ? '大学本科' : i === 1 ? '大学专科' : '中专或高中',
      legalExamCertificate: i === 0 && seq % 3 === 0,
      certificateNo: i === 0 && seq % 3 === 0 ? `A2018${String(seq).padStart(8, '0')}` : undefined,
      joinedOn: `20${pad(10 + (seq % 14))}-0${(seq % 9) + 1}-01`,
      status: 'active',
      version: 1,
      updatedAt: now,
    };
  });
};

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  officeId?: string;
  departmentId?: string;
}

export const demoUsers: DemoUser[] = [
  { username: 'leader', displayName: '赵局长', roles: ['bureau_leader'] },
  { username: 'admin', displayName: '系统管理员', roles: ['county_admin'] },
  { username: 'auditor', displayName: '审计管理员', roles: ['auditor'] },
  { username: 'dept-mediation', displayName: '人民调解股', roles: ['department'], departmentId: 'mediation' },
  { username: 'dept-corrections', displayName: '社区矫正股', roles: ['department'], departmentId: 'corrections' },
  { username: 'finance', displayName: '办公室财务', roles: ['department'], departmentId: 'office' },
  { username: 'director-01', displayName: '城关所所长', roles: ['area_director'], officeId: '0101' },
  { username: 'staff-0101', displayName: '城关所工作人员', roles: ['office_staff'], officeId: '0101' },
  { username: 'staff-0102', displayName: '东关所工作人员', roles: ['office_staff'], officeId: '0102' },
  { username: 'staff-0201', displayName: '东山所工作人员', roles: ['office_staff'], officeId: '0201' },
  { username: 'inspector', displayName: '检查组', roles: ['inspector'] },
];

/**
 * The months the full demo's records span: this one and the thirteen before it, so that twelve
 * complete months are published on any day (before the 11th last month still waits for its run).
 * A small demo (throwaway clouds) spans last month and this one.
 */
export const demoMonths = (demo: 'full' | 'small'): number => (demo === 'small' ? 2 : 14);

/** The offices the demo accounts work in: a small demo's county (the seeds of throwaway clouds). */
export const DEMO_ACCOUNT_OFFICES: ReadonlySet<string> = new Set(demoUsers.flatMap((u) => (u.officeId ? [u.officeId] : [])));
