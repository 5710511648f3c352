// The assessment context in the portal (月度考核): the rubric, the monthly runs and their ranking and
// notice, an office's month line by line down to the records behind each line, deductions and
// bonuses, the county's heat map, the year-end funding; the homes' 本月考核 card (offices) and the
// leader's county at a glance with its alerts.
import { lazy } from 'react';
import { AccountBookOutlined, DashboardOutlined, HeatMapOutlined, MinusCircleOutlined, OrderedListOutlined, ProfileOutlined } from '@ant-design/icons';
import { definePortal } from '../kit/portal';
import { ownOfficeId } from '../kit/permissions';
import { canAssess, canDraftFunding, canEditRubric, canSeeDraftScores, comparesOffices, hasOwnOffice, leadsCounty, readsAssessment, readsRubric, worksOnAssessment } from './permissions';

export const assessmentPortal = definePortal({
  context: 'assessment',
  routes: [
    { path: 'assessment-rubric', page: lazy(() => import('./Rubric')), allow: readsRubric },
    { path: 'assessment-runs', page: lazy(() => import('./Runs')), allow: readsAssessment },
    { path: 'assessment-offices/:officeId/:month', page: lazy(() => import('./OfficeMonth')), allow: readsAssessment },
    { path: 'assessment-live', page: lazy(() => import('./LiveMonth')), allow: readsAssessment },
    { path: 'assessment-adjustments', page: lazy(() => import('./Adjustments')), allow: canSeeDraftScores },
    { path: 'assessment-radar', page: lazy(() => import('./Radar')), allow: comparesOffices },
    { path: 'assessment-funding', page: lazy(() => import('./Funding')), allow: canDraftFunding },
  ],
  menu: [
    { id: 'assessment-live', label: '本月考核', icon: <DashboardOutlined />, to: (me) => (ownOfficeId(me) ? '/assessment-live' : undefined), allow: hasOwnOffice },
    { id: 'assessment-runs', label: '月度考核', icon: <OrderedListOutlined />, to: '/assessment-runs', allow: worksOnAssessment },
    { id: 'assessment-radar', label: '考核热力图', icon: <HeatMapOutlined />, to: '/assessment-radar', allow: (me) => worksOnAssessment(me) && comparesOffices(me) },
    { id: 'assessment-adjustments', label: '扣分与加分', icon: <MinusCircleOutlined />, to: '/assessment-adjustments', allow: canAssess },
    { id: 'assessment-funding', label: '年终绩效经费', icon: <AccountBookOutlined />, to: '/assessment-funding', allow: canDraftFunding },
    { id: 'assessment-rubric', label: '评分细则', icon: <ProfileOutlined />, to: '/assessment-rubric', allow: (me) => canEditRubric(me) || worksOnAssessment(me) },
  ],
  home: [
    { id: 'assessment-alerts', title: '预警提醒', kind: 'alert', allow: leadsCounty, body: lazy(() => import('./home/Alerts')) },
    { id: 'assessment-month', title: '本月考核', kind: 'due', allow: hasOwnOffice, body: lazy(() => import('./home/MonthCard')) },
    { id: 'assessment-county', title: '全县考核概览', kind: 'kpi', allow: leadsCounty, body: lazy(() => import('./home/CountyCard')), wide: true },
  ],
});
