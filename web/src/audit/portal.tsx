// The audit context in the portal: the audit log, the auditor's alone.
import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import { canReadAudit } from '../kit/permissions';
import { definePortal } from '../kit/portal';

export const auditPortal = definePortal({
  context: 'audit',
  routes: [{ path: 'audit', page: lazy(() => import('./Audit')), allow: canReadAudit }],
  home: [
    { id: 'audit-today', title: '今日操作', kind: 'kpi', allow: canReadAudit, body: lazy(() => import('./home/TodayActivity')) },
    { id: 'audit-digests', title: '审计摘要链', kind: 'kpi', allow: canReadAudit, body: lazy(() => import('./home/DigestChain')) },
  ],
  menu: [{ id: 'audit', label: '审计日志', icon: <AuditOutlined />, to: '/audit', allow: canReadAudit, section: 'admin' }],
});
