// 本月调解: this month's received and closed cases and the success rate, in the user's scope.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { permilleText } from '@sifasuo/domain';
import { mediationApi } from '../api';
import { thisMonth } from '../shared';
import Figures from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

export default function MonthFigures() {
  const s = useLoad(() => mediationApi.statistics({ month: thisMonth() }), []);
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const t = s.data.total;
  return (
    <Flex vertical gap={12} data-testid="mediation-kpi">
      <Figures
        items={[
          { label: '受理', value: t.received, unit: '件', testId: 'kpi-received' },
          { label: '结案', value: t.closed, unit: '件', testId: 'kpi-closed' },
          { label: '调解成功率', value: permilleText(t.successPermille), testId: 'kpi-success' },
        ]}
      />
      <Link to="/mediation-statistics">查看调解统计</Link>
    </Flex>
  );
}
