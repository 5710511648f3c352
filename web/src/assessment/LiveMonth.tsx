// 本月考核: an office's month so far — the provisional score (the same function as the monthly run, on
// this month's facts), its deadline radar (due / late / missing, in Shanghai time) and every line down
// to its records. Offices see their own; those who compare offices pick one (`?officeId=`).
import { useSearchParams } from 'react-router-dom';
import { Descriptions, Flex, Skeleton, Typography } from 'antd';
import type { RadarItem } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { ScoreLines } from './Lines';
import { comparesOffices } from './permissions';
import { monthLabel, pts, RadarStateTag, when } from './shared';
import Trend from './Trend';
import { useMe } from '../kit/guards';
import { ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ownOfficeId } from '../kit/permissions';
import { ResponsiveTable } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

export default function LiveMonth() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const officeId = params.get('officeId') ?? ownOfficeId(me) ?? undefined;
  const { offices } = useScopeOffices();
  const live = useLoad(() => (officeId ? assessmentApi.live({ officeId }) : Promise.resolve(undefined)), [officeId]);
  const picker = comparesOffices(me) ? (
    <ScopeOfficeFilter offices={offices} value={officeId} onChange={(id) => setParams(id ? { officeId: id } : {}, { replace: true })} testId="live-office" />
  ) : undefined;
  if (live.errorStatus === 403) return <Forbidden message={live.errorMessage} />;
  if (live.errorStatus !== undefined) return <LoadFailed message={live.errorMessage ?? ''} retry={live.reload} />;
  const m = live.data;
  const title = m ? `${m.officeName} ${monthLabel(m.month)}考核（实时）` : '本月考核';
  return (
    <Page title={title} extra={picker}>
      {!officeId && <Typography.Paragraph>请选择司法所。</Typography.Paragraph>}
      {officeId && !m && <Skeleton active />}
      {m && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} data-testid="live-summary">
            <Descriptions.Item label="预估得分"><strong data-testid="live-total">{pts(m.provisional.total)}</strong></Descriptions.Item>
            <Descriptions.Item label="数据截至">{when(m.asOf)}</Descriptions.Item>
            <Descriptions.Item label="说明">按当前已记录的数据计算，月度评分以审批发布为准</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>报送期限</Typography.Title>
          <ResponsiveTable<RadarItem & { key: string }>
            rowKey="key" size="small" pagination={false} data-testid="live-radar"
            dataSource={m.radar.map((r) => ({ ...r, key: `${r.month}-${r.item}` }))}
            columns={[
              { title: '事项', dataIndex: 'name', cardTitle: true, render: (n: string, r) => `${r.item} ${n}（${monthLabel(r.month)}）` },
              { title: '期限', dataIndex: 'dueAt', render: (at: string) => when(at) },
              { title: '迟报截止', dataIndex: 'lateUntil', render: (at?: string) => when(at) },
              { title: '状态', dataIndex: 'state', render: (_: unknown, r) => <RadarStateTag state={r.state} /> },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>评分明细</Typography.Title>
          <ScoreLines score={m.provisional} />
          <Trend to={m.month} officeId={m.officeId} title={`${m.officeName}近12个月总分`} testId="office-trend" />
        </Flex>
      )}
    </Page>
  );
}
