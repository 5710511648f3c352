// The org context in the portal: the own office, the offices of the user's scope, user accounts,
// dictionaries; the user's office and department in the header.
import { lazy } from 'react';
import { BankOutlined, BookOutlined, HomeOutlined, TeamOutlined } from '@ant-design/icons';
import { canAdministerOrg, canAdministerUsers, canListOffices, ownOfficeId, readsAllOffices, readsOwnArea } from '../kit/permissions';
import { definePortal } from '../kit/portal';

export const orgPortal = definePortal({
  context: 'org',
  header: lazy(() => import('./UserUnit')),
  routes: [
    { path: 'offices', page: lazy(() => import('./Offices')), allow: canListOffices },
    // Any signed-in user may ask; the server answers 403 outside their scope and the page says 无权访问.
    { path: 'offices/:officeId', page: lazy(() => import('./OfficeDetail')) },
    // The bureau leader too, for auditor accounts only (三员分立): the page offers what each may do.
    { path: 'users', page: lazy(() => import('./Users')), allow: canAdministerUsers },
    { path: 'dictionaries', page: lazy(() => import('./Dictionaries')), allow: canAdministerOrg },
  ],
  menu: [
    {
      id: 'own-office',
      label: '本所概况',
      icon: <HomeOutlined />,
      to: (me) => (ownOfficeId(me) ? `/offices/${encodeURIComponent(ownOfficeId(me)!)}` : undefined),
      allow: (me) => !!ownOfficeId(me),
    },
    { id: 'offices', label: '司法所', icon: <BankOutlined />, to: '/offices', allow: readsAllOffices },
    { id: 'offices', label: '本片区司法所', icon: <BankOutlined />, to: '/offices', allow: readsOwnArea },
    { id: 'users', label: '用户管理', icon: <TeamOutlined />, to: '/users', allow: canAdministerUsers, section: 'admin' },
    { id: 'dictionaries', label: '数据字典', icon: <BookOutlined />, to: '/dictionaries', allow: canAdministerOrg, section: 'admin' },
  ],
  home: [
    { id: 'org-staffing', title: '全县人员配备', kind: 'kpi', allow: readsAllOffices, body: lazy(() => import('./home/CountyStaffing')), wide: true },
    { id: 'org-own-office', title: '本所', kind: 'kpi', allow: (me) => !!ownOfficeId(me), body: lazy(() => import('./home/OwnOffice')) },
    { id: 'org-area-offices', title: '本片区司法所', kind: 'kpi', allow: readsOwnArea, body: lazy(() => import('./home/AreaOffices')) },
    { id: 'org-users', title: '账号概况', kind: 'kpi', allow: canAdministerOrg, body: lazy(() => import('./home/UsersSummary')) },
    { id: 'org-recent-changes', title: '最近变更', kind: 'kpi', allow: canAdministerOrg, body: lazy(() => import('./home/RecentChanges')) },
  ],
});
