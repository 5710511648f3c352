// 重大纠纷超时未上报 (局领导, 人民调解股): major disputes not reported within 4 hours, each one click from its record.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { shanghaiDateTime, shanghaiMonth } from '@sifasuo/domain';
import { INLINE_LINK, useSummary } from './summary';
import { TONES } from '../../kit/Figures';

export default function MajorAlert() {
  const s = useSummary();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const late = s.data.unreportedMajor;
  return (
    <Flex vertical gap={8} data-testid="mediation-major-alert">
      <Typography.Text style={{ color: late.length ? TONES.danger : undefined }} data-testid="major-alert-count">
        {late.length ? `${late.length} 件重大纠纷超过4小时未上报` : '暂无超过4小时未上报的重大纠纷'}
      </Typography.Text>
      {late.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {late.map((d) => (
            <li key={d.disputeId}>
              <Link style={INLINE_LINK} to={`/mediation-screening?month=${shanghaiMonth(new Date(d.registeredAt))}&dispute=${encodeURIComponent(d.disputeId)}`} data-testid="major-alert-link">
                {d.name}
              </Link>
              <Typography.Text type="secondary">（应于 {shanghaiDateTime(d.reportDueAt)} 前上报）</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Flex>
  );
}
