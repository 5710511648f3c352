// 本片区司法所 (area directors): each office of the area with its staff in post and any shortfall,
// linking to the office's page.
import { Link } from 'react-router-dom';
import { Flex, List, Skeleton, Tag, Typography } from 'antd';
import { call } from '../../kit/api';
import { TONES } from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

export default function AreaOffices() {
  const staffing = useLoad(() => call('GET /api/org/staffing'), []);
  if (staffing.errorMessage) return <Typography.Text type="danger">{staffing.errorMessage}</Typography.Text>;
  if (!staffing.data) return <Skeleton active paragraph={{ rows: 5 }} />;
  const { offices, totals } = staffing.data;
  return (
    <Flex vertical gap={8} data-testid="area-offices">
      <Typography.Text type="secondary" data-testid="area-offices-totals">
        {`共 ${totals.offices} 个所，在岗 ${totals.activeStaff} 人，缺编 ${totals.vacancies} 人`}
      </Typography.Text>
      <List
        size="small"
        dataSource={offices}
        renderItem={(o) => (
          <List.Item key={o.officeId} data-testid={`area-office-${o.officeId}`}>
            <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }}>
              <Link to={`/offices/${encodeURIComponent(o.officeId)}`}>{o.name}</Link>
              <Flex gap={4} wrap>
                <Tag>{`在岗 ${o.activeStaff} 人`}</Tag>
                {o.shortfall > 0 ? <Tag color={TONES.warning}>{`缺 ${o.shortfall} 人`}</Tag> : <Tag>配齐</Tag>}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}
