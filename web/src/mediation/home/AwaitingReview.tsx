// 待审核案件 (area directors, 人民调解股): closed cases awaiting the review.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { useSummary } from './summary';
import Figures from '../../kit/Figures';

export default function AwaitingReview() {
  const s = useSummary();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <Flex vertical gap={12} data-testid="mediation-review">
      <Figures items={[{ label: '待审核', value: s.data.awaitingReview, unit: '件', tone: s.data.awaitingReview ? 'warning' : undefined, testId: 'review-count' }]} />
      <Link to="/mediation-cases?status=closed">去审核</Link>
    </Flex>
  );
}
