// 本月考核 (office staff, directors): the office's provisional score this month and its deadline radar —
// what is due, late or missing, with the deadlines in Shanghai time — linking to the live month.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { assessmentApi } from '../api';
import { pts, RadarStateTag, when } from '../shared';
import Figures from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

const SHOWN = 6;
const INLINE_LINK = { textDecoration: 'underline' } as const;

export default function MonthCard() {
  const live = useLoad(() => assessmentApi.live(), []);
  if (live.errorMessage) return <Typography.Text type="danger">{live.errorMessage}</Typography.Text>;
  if (!live.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const { provisional, radar } = live.data;
  // What needs doing first: missing and overdue, then due by deadline; done items are left out.
  const order = { missing: 0, overdue: 1, late: 2, due: 3, done: 4 } as const;
  const open = radar.filter((r) => r.state !== 'done').sort((a, b) => order[a.state] - order[b.state] || a.dueAt.localeCompare(b.dueAt));
  const missing = radar.filter((r) => r.state === 'missing' || r.state === 'overdue').length;
  return (
    <Flex vertical gap={12} data-testid="assessment-month-card">
      <Figures
        items={[
          { label: '预估得分', value: pts(provisional.total), unit: '分', testId: 'assessment-provisional' },
          { label: '待办', value: radar.filter((r) => r.state === 'due').length, unit: '项', testId: 'assessment-due-count' },
          { label: '逾期/未完成', value: missing, unit: '项', tone: missing ? 'danger' : undefined, testId: 'assessment-missing-count' },
        ]}
      />
      {open.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="assessment-radar-list">
          {open.slice(0, SHOWN).map((r) => (
            <li key={`${r.month}-${r.item}`} data-state={r.state}>
              {r.item} {r.name} <RadarStateTag state={r.state} />（{when(r.dueAt)} 截止）
            </li>
          ))}
        </ul>
      )}
      <Link to="/assessment-live" style={INLINE_LINK} data-testid="assessment-live-link">查看本月考核</Link>
    </Flex>
  );
}
