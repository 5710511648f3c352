// The registers context in the portal (台账与所务): the declared books (one generic page for all of
// them, from the catalogue), 请销假 with the director's queue and absences, 计划总结与信息报送 with the
// area director's return and the month's board, 交办任务 with the bureau's board; the homes' cards of
// reports due and returned, open and overdue tasks, leave to decide and overdue petitions.
import { lazy } from 'react';
import { BookOutlined, CalendarOutlined, FileDoneOutlined, ScheduleOutlined } from '@ant-design/icons';
import { REGISTER_IDS } from '@sifasuo/domain';
import { definePortal } from '../kit/portal';
import { assignsTasks, decidesLeave, keepsOffice, readsRegisters, usesLeave, worksOnRegisters } from './permissions';

export const registersPortal = definePortal({
  context: 'registers',
  routes: [
    { path: 'registers', page: lazy(() => import('./Registers')), allow: readsRegisters },
    { path: 'registers/:registerId', page: lazy(() => import('./Register')), allow: readsRegisters },
    { path: 'registers/:registerId/:entryId', page: lazy(() => import('./EntryDetail')), allow: readsRegisters },
    { path: 'office-leave', page: lazy(() => import('./Leave')), allow: usesLeave },
    { path: 'office-reports', page: lazy(() => import('./Reports')), allow: readsRegisters },
    { path: 'office-tasks', page: lazy(() => import('./Tasks')), allow: readsRegisters },
  ],
  // In the menus of those who work on the office's affairs; the pages open for anyone reading the office scope.
  menu: [
    { id: 'registers', label: '台账', icon: <BookOutlined />, to: '/registers', allow: worksOnRegisters },
    { id: 'office-leave', label: '请销假', icon: <CalendarOutlined />, to: '/office-leave', allow: usesLeave },
    { id: 'office-reports', label: '计划总结与信息报送', icon: <FileDoneOutlined />, to: '/office-reports', allow: worksOnRegisters },
    { id: 'office-tasks', label: '交办任务', icon: <ScheduleOutlined />, to: '/office-tasks', allow: worksOnRegisters },
  ],
  home: [
    { id: 'registers-petitions-overdue', title: '信访超期未答复', kind: 'alert', allow: worksOnRegisters, body: lazy(() => import('./home/PetitionsOverdue')) },
    { id: 'registers-leave-to-decide', title: '待我审批的请假', kind: 'todo', allow: decidesLeave, body: lazy(() => import('./home/LeaveToDecide')) },
    { id: 'registers-tasks', title: '交办任务', kind: 'todo', allow: (me) => keepsOffice(me) || assignsTasks(me), body: lazy(() => import('./home/TasksCard')) },
    { id: 'registers-reports-due', title: '材料报送提醒', kind: 'due', allow: keepsOffice, body: lazy(() => import('./home/ReportsDue')) },
  ],
  // The records behind the assessment's facts (its drill-down links here): a book's entries by register.
  recordLinks: {
    ...Object.fromEntries(REGISTER_IDS.map((register) => [register, (id: string) => `/registers/${register}/${encodeURIComponent(id)}`])),
    report: () => '/office-reports',
    absence: () => '/office-leave?tab=absences',
    'task-assignment': () => '/office-tasks',
  },
});
