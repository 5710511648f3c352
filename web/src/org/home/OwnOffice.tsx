// 本所 (office staff and area directors): the own office at a glance, with the way to 本所概况.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Tag, Typography } from 'antd';
import { OFFICE_CLASS_LABELS } from '@sifasuo/domain';
import { call } from '../../kit/api';
import Figures, { TONES } from '../../kit/Figures';
import { ownOfficeId } from '../../kit/permissions';
import type { Me } from '../../kit/session';
import { useLoad } from '../../kit/useLoad';

export default function OwnOffice({ me }: { me: Me }) {
  const staffing = useLoad(() => call('GET /api/org/staffing'), []);
  if (staffing.errorMessage) return <Typography.Text type="danger">{staffing.errorMessage}</Typography.Text>;
  if (!staffing.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const office = staffing.data.offices.find((o) => o.officeId === ownOfficeId(me));
  if (!office) return <Typography.Text type="secondary">未找到本所信息，请联系系统管理员。</Typography.Text>;
  return (
    <Flex vertical gap={12} data-testid="own-office">
      <Flex wrap gap={8} align="center">
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="own-office-name">
          {office.name}
        </Typography.Text>
        <Tag>{OFFICE_CLASS_LABELS[office.officeClass]}</Tag>
        {office.shortfall > 0 && <Tag color={TONES.warning}>{`缺编 ${office.shortfall} 人`}</Tag>}
      </Flex>
      <Figures
        items={[
          { label: '在岗人员', value: office.activeStaff, unit: '人', testId: 'own-office-staff' },
          { label: '持法律职业资格证书', value: office.certificateHolders, unit: '人', testId: 'own-office-certificates' },
        ]}
      />
      <Link to={`/offices/${encodeURIComponent(office.officeId)}`} data-testid="own-office-link">
        查看本所概况
      </Link>
    </Flex>
  );
}
