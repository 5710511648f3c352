// 预警提醒 (the leader): major disputes, supervision incidents and overdue tasks as the facts raise
// them, each one click from its record (the owning context's page).
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { ALERT_KINDS, shanghaiMonth, type Alert } from '@sifasuo/domain';
import Figures from '../../kit/Figures';
import { assessmentApi } from '../api';
import { when } from '../shared';
import { recordLinkFor } from '../../kit/portal';
import { useLoad } from '../../kit/useLoad';

const SHOWN = 8;
const ALERT_LABELS: Record<Alert['kind'], string> = {
  'mediation.dispute.major-registered': '重大纠纷',
  'supervision.incident.recorded': '脱管漏管',
  'registers.task.overdue': '交办任务逾期',
};

export default function Alerts() {
  const alerts = useLoad(() => assessmentApi.alerts(), []);
  if (alerts.errorMessage) return <Typography.Text type="danger">{alerts.errorMessage}</Typography.Text>;
  if (!alerts.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const count = (kind: Alert['kind']) => alerts.data!.filter((a) => a.kind === kind).length;
  return (
    <Flex vertical gap={8} data-testid="assessment-alerts">
      <Figures
        items={ALERT_KINDS.map((kind) => ({ label: ALERT_LABELS[kind], value: count(kind), unit: kind === 'registers.task.overdue' ? '项' : '起', tone: count(kind) ? 'danger' : undefined }))}
      />
      {alerts.data.length > 0 && (<ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {alerts.data.slice(0, SHOWN).map((a) => {
          const to = recordLinkFor(a.ref, { month: shanghaiMonth(new Date(a.occurredAt)), officeId: a.officeId });
          const text = `${a.officeName}：${a.title}（${when(a.occurredAt)}）`;
          return (
            <li key={a.factId}>
              {to ? <Link to={to} style={{ textDecoration: 'underline' }} data-testid="assessment-alert-link">{text}</Link> : text}
            </li>
          );
        })}
      </ul>)}
      {alerts.data.length > SHOWN && <Typography.Text type="secondary">另有 {alerts.data.length - SHOWN} 条</Typography.Text>}
    </Flex>
  );
}
