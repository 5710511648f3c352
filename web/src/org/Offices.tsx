import { Link } from 'react-router-dom';
import { Badge, Card, Col, Empty, List, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { OFFICE_CLASS_LABELS, type Area, type Office } from '@sifasuo/domain';
import { orgApi } from './api';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { readsOwnArea } from '../kit/permissions';
import { useLoad } from '../kit/useLoad';
import { Forbidden, LoadFailed } from '../kit/results';

interface Group {
  area: Area;
  offices: Office[];
}

const groupByArea = (areas: Area[], offices: Office[]): Group[] =>
  areas
    .slice()
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((area) => ({
      area,
      offices: offices
        .filter((o) => o.areaId === area.id)
        // central office first, then by number
        .sort((a, b) => Number(b.id === area.centralOfficeId) - Number(a.id === area.centralOfficeId) || a.id.localeCompare(b.id)),
    }))
    .filter((g) => g.offices.length > 0);

/** The menu entry's words (org/portal.tsx): a director's list is their area's. */
export const officesLabel = (me: Parameters<typeof readsOwnArea>[0]) => (readsOwnArea(me) ? '本片区司法所' : '司法所');

/** Area cards while the offices load. */
const AreaSkeletons = () => (
  <Row gutter={[16, 16]} data-testid="offices-loading">
    {[0, 1, 2].map((i) => (
      <Col key={i} xs={24} md={12} xl={8}>
        <Card size="small">
          <Skeleton active title paragraph={{ rows: 4 }} />
        </Card>
      </Col>
    ))}
  </Row>
);

/** All offices in the caller's scope, grouped by area (片区). */
export default function Offices() {
  const me = useMe();
  const { data, loading, errorStatus, errorMessage, reload } = useLoad(
    () => Promise.all([orgApi.areas(), orgApi.offices()]).then(([areas, offices]) => ({ groups: groupByArea(areas, offices), total: offices.length })),
    [],
  );
  if (errorStatus === 403) return <Forbidden message={errorMessage} />;
  if (errorStatus !== undefined) return <LoadFailed message={errorMessage ?? ''} retry={reload} />;
  const groups = data?.groups ?? [];

  return (
    <Page title={officesLabel(me)}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {data && (
          <Typography.Text type="secondary" data-testid="offices-summary">
            共 {groups.length} 个片区，{data.total} 个司法所
          </Typography.Text>
        )}
        {loading && !data ? (
          <AreaSkeletons />
        ) : groups.length === 0 ? (
          <Card><Empty description="暂无可查看的司法所" /></Card>
        ) : (
          <Row gutter={[16, 16]}>
            {groups.map(({ area, offices }) => (
              <Col key={area.id} xs={24} md={12} xl={8} xxl={6}>
                <Card
                  size="small"
                  title={area.name}
                  extra={<Badge count={offices.length} color="#1f4e9c" title={`${offices.length} 个司法所`} />}
                  data-testid="area-card"
                  data-area={area.id}
                  style={{ height: '100%' }}
                >
                  <List
                    size="small"
                    dataSource={offices}
                    renderItem={(o) => (
                      <List.Item data-testid="office-item" data-office={o.id} style={{ paddingInline: 0 }}>
                        <Link to={`/offices/${o.id}`}>
                          {o.name}
                        </Link>
                        <Space size={4}>
                          <Typography.Text type="secondary">{o.township}</Typography.Text>
                          {(o.officeClass === 'central' || o.id === area.centralOfficeId) && (
                            <Tag color="gold" style={{ marginInlineEnd: 0 }}>{OFFICE_CLASS_LABELS.central}</Tag>
                          )}
                        </Space>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Space>
    </Page>
  );
}
