// 待我审批的请假 (area directors, 基层股, the leader): how many requests wait for the user's decision.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { useSummary } from './summary';
import Figures from '../../kit/Figures';

export default function LeaveToDecide() {
  const s = useSummary();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const n = s.data.leaveToDecide;
  return (
    <Flex vertical gap={12} data-testid="registers-leave-to-decide">
      <Figures items={[{ label: '待审批', value: n, unit: '件', tone: n ? 'warning' : undefined, testId: 'leave-to-decide-count' }]} />
      <Link to="/office-leave?tab=decide">去审批</Link>
    </Flex>
  );
}
