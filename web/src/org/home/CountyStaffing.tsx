// 全县人员配备 (readers of every office: bureau leader, departments, county admin): offices, staff in
// post, vacancies and the certificate rate; staff per area as a chart; the offices short of staff.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Tag, Typography } from 'antd';
import { MIN_ACTIVE_STAFF, OFFICE_CLASS_LABELS, percent } from '@sifasuo/domain';
import { call } from '../../kit/api';
import BarChart from '../../kit/BarChart';
import Figures, { TONES } from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

const MINIMUM = `${OFFICE_CLASS_LABELS.central} ${MIN_ACTIVE_STAFF.central} 人、${OFFICE_CLASS_LABELS.regular} ${MIN_ACTIVE_STAFF.regular} 人`;

export default function CountyStaffing() {
  const staffing = useLoad(() => call('GET /api/org/staffing'), []);
  if (staffing.errorMessage) return <Typography.Text type="danger">{staffing.errorMessage}</Typography.Text>;
  if (!staffing.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const { totals, areas, offices } = staffing.data;
  const short = offices.filter((o) => o.shortfall > 0);
  return (
    <Flex vertical gap={16} data-testid="county-staffing">
      <Figures
        items={[
          { label: '司法所', value: totals.offices, unit: '个', testId: 'staffing-offices' },
          { label: '在岗人员', value: totals.activeStaff, unit: '人', testId: 'staffing-active' },
          { label: '缺编', value: totals.vacancies, unit: '人', tone: totals.vacancies ? 'warning' : undefined, testId: 'staffing-vacancies' },
          {
            label: '持证率',
            value: percent(totals.certificateRate),
            unit: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${totals.certificateHolders} 人持法律职业资格证书`}</Typography.Text>,
            testId: 'staffing-certificate-rate',
          },
        ]}
      />
      <BarChart
        title="各片区在岗人数"
        bars={areas.map((a) => ({ label: a.name, value: a.activeStaff, extra: a.vacancies }))}
        unit="人"
        valueLabel="在岗"
        extraLabel="缺编"
        testId="staffing-chart"
      />
      {short.length ? (
        <div data-testid="staffing-short">
          <Typography.Text strong>缺编司法所（最低配备：{MINIMUM}）</Typography.Text>
          <Flex wrap gap={8} style={{ marginTop: 8 }}>
            {short.map((o) => (
              <Link key={o.officeId} to={`/offices/${encodeURIComponent(o.officeId)}`}>
                <Tag color={TONES.warning}>{`${o.name} 缺 ${o.shortfall} 人`}</Tag>
              </Link>
            ))}
          </Flex>
        </div>
      ) : (
        <Typography.Text type="secondary" data-testid="staffing-short">
          各所均已达到最低配备（{MINIMUM}）。
        </Typography.Text>
      )}
    </Flex>
  );
}
