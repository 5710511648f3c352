// 今日操作 (auditor): today's audit records by action (in the action tables' Chinese), and how many
// were refusals, failures and rejected requests.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { call } from '../../kit/api';
import BarChart from '../../kit/BarChart';
import Figures from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

/** The most frequent actions shown; the rest are summed in one line. */
const TOP = 6;

export default function TodayActivity() {
  const summary = useLoad(() => call('GET /api/audit/summary'), []);
  if (summary.errorMessage) return <Typography.Text type="danger">{summary.errorMessage}</Typography.Text>;
  if (!summary.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const s = summary.data;
  const others = s.byAction.slice(TOP).reduce((n, a) => n + a.count, 0);
  return (
    <Flex vertical gap={12} data-testid="today-activity">
      <Figures
        items={[
          { label: `${s.day} 操作记录`, value: s.total, unit: '条', testId: 'today-total' },
          { label: '拒绝访问', value: s.byOutcome.denied, unit: '次', tone: s.byOutcome.denied ? 'danger' : undefined, testId: 'today-denied' },
          { label: '请求有误', value: s.byOutcome.rejected, unit: '次' },
          { label: '执行失败', value: s.byOutcome.failed, unit: '次', tone: s.byOutcome.failed ? 'danger' : undefined },
        ]}
      />
      {s.byAction.length > 0 ? (
        <BarChart
          title="今日各类操作次数"
          bars={s.byAction.slice(0, TOP).map((a) => ({ label: a.label, value: a.count }))}
          unit="次"
          valueLabel="次数"
          testId="today-actions"
        />
      ) : (
        <Typography.Text type="secondary">今日暂无操作记录。</Typography.Text>
      )}
      {others > 0 && <Typography.Text type="secondary">{`其他操作 ${others} 次`}</Typography.Text>}
      <Link to="/audit">查看审计日志</Link>
    </Flex>
  );
}
