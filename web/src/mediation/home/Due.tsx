// 调解到期提醒 (office staff, directors): agreements whose performance deadline falls within 7 days, and
// closed cases not yet entered on the national platform.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { INLINE_LINK, useSummary } from './summary';
import Figures from '../../kit/Figures';

export default function Due() {
  const s = useSummary();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const { performanceDue, notEnteredOnline } = s.data;
  return (
    <Flex vertical gap={12} data-testid="mediation-due">
      <Figures
        items={[
          { label: '7日内到履行期限', value: performanceDue.length, unit: '件', tone: performanceDue.length ? 'warning' : undefined, testId: 'due-performance' },
          { label: '已结案未网上录入', value: notEnteredOnline, unit: '件', tone: notEnteredOnline ? 'warning' : undefined, testId: 'due-online' },
        ]}
      />
      {performanceDue.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {performanceDue.map((d) => (
            <li key={d.caseId}>
              <Link style={INLINE_LINK} to={`/mediation-cases/${encodeURIComponent(d.caseId)}`}>{d.caseNo}</Link>：{d.performBy} 到期
            </li>
          ))}
        </ul>
      )}
      {notEnteredOnline > 0 && <Link to="/mediation-cases?status=closed">查看已结案案件</Link>}
    </Flex>
  );
}
