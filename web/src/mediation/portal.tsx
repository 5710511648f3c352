// The mediation context in the portal (人民调解): screenings by month, cases and their lifecycle,
// typical cases and news, committees and the mediator roster, statistics; the homes' to-dos, deadlines,
// the bureau's alert on unreported major disputes and the month's figures.
import { lazy } from 'react';
import { ApartmentOutlined, BarChartOutlined, FileSearchOutlined, ReadOutlined, SolutionOutlined } from '@ant-design/icons';
import { definePortal } from '../kit/portal';
import { keepsOfficeRecords, readsMediation, reviewsMediation, watchesCounty, worksOnMediation } from './permissions';

export const mediationPortal = definePortal({
  context: 'mediation',
  routes: [
    { path: 'mediation-screening', page: lazy(() => import('./Screening')), allow: readsMediation },
    { path: 'mediation-cases', page: lazy(() => import('./Cases')), allow: readsMediation },
    { path: 'mediation-cases/:caseId', page: lazy(() => import('./CaseDetail')), allow: readsMediation },
    { path: 'mediation-submissions', page: lazy(() => import('./Submissions')), allow: readsMediation },
    { path: 'mediation-committees', page: lazy(() => import('./Committees')), allow: readsMediation },
    { path: 'mediation-statistics', page: lazy(() => import('./Statistics')), allow: readsMediation },
  ],
  // In the menus of those who work on mediation; the pages open for anyone reading the office scope.
  menu: [
    { id: 'mediation-screening', label: '纠纷排查', icon: <FileSearchOutlined />, to: '/mediation-screening', allow: worksOnMediation },
    { id: 'mediation-cases', label: '调解案件', icon: <SolutionOutlined />, to: '/mediation-cases', allow: worksOnMediation },
    { id: 'mediation-submissions', label: '典型案例与新闻', icon: <ReadOutlined />, to: '/mediation-submissions', allow: worksOnMediation },
    { id: 'mediation-committees', label: '调委会与调解员', icon: <ApartmentOutlined />, to: '/mediation-committees', allow: worksOnMediation },
    { id: 'mediation-statistics', label: '调解统计', icon: <BarChartOutlined />, to: '/mediation-statistics', allow: worksOnMediation },
  ],
  home: [
    { id: 'mediation-major-alert', title: '重大纠纷超时未上报', kind: 'alert', allow: watchesCounty, body: lazy(() => import('./home/MajorAlert')) },
    { id: 'mediation-todo', title: '人民调解待办', kind: 'todo', allow: keepsOfficeRecords, body: lazy(() => import('./home/Todo')) },
    { id: 'mediation-review', title: '待审核案件', kind: 'todo', allow: reviewsMediation, body: lazy(() => import('./home/AwaitingReview')) },
    { id: 'mediation-due', title: '调解到期提醒', kind: 'due', allow: keepsOfficeRecords, body: lazy(() => import('./home/Due')) },
    { id: 'mediation-kpi', title: '本月调解', kind: 'kpi', allow: worksOnMediation, body: lazy(() => import('./home/MonthFigures')) },
  ],
  // The records behind the assessment's facts (its drill-down links here).
  recordLinks: {
    case: (id) => `/mediation-cases/${encodeURIComponent(id)}`,
    screening: (_id, { month }) => `/mediation-screening?${new URLSearchParams({ month })}`,
    'screening-report': (_id, { month }) => `/mediation-screening?${new URLSearchParams({ month })}`,
    dispute: (id, { month }) => `/mediation-screening?${new URLSearchParams({ month, dispute: id })}`,
    submission: () => '/mediation-submissions',
  },
});
