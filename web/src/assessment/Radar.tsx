// 考核热力图: offices × months of a year, each cell coloured by the month's score with its on-time /
// late / missing counts (the current month live and provisional); a cell opens that office's month.
// The second view: one month's items × offices, coloured by the share of each item's points earned.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Flex, Select, Tabs, Typography } from 'antd';
import type { CountyRadar, OfficeScore } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { lastMonth, monthLabel, MonthPicker, officeMonthPath, pts, shortMonth, thisYear, YearPicker } from './shared';
import HeatMap, { type HeatBand } from '../kit/HeatMap';
import { Page } from '../kit/page';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

export const SCORE_BANDS: readonly HeatBand[] = [
  { atLeast: 95, colour: '#b7eb8f', label: '≥95' },
  { atLeast: 85, colour: '#d9f7be', label: '85–95' },
  { atLeast: 75, colour: '#fff1b8', label: '75–85' },
  { atLeast: 60, colour: '#ffd8bf', label: '60–75' },
  { atLeast: 0, colour: '#ffccc7', label: '<60' },
];

function OfficesByMonth({ radar }: { radar: CountyRadar }) {
  const navigate = useNavigate();
  const cells = new Map(radar.cells.map((c) => [`${c.officeId}:${c.month}`, c]));
  const names = new Map(radar.offices.map((o) => [o.id, o.name]));
  return (
    <HeatMap
      title={`${radar.year}年各司法所月度得分`}
      testId="radar-heatmap"
      bands={SCORE_BANDS}
      rows={radar.offices.map((o) => ({ id: o.id, label: o.name }))}
      columns={radar.months.map((m) => ({ id: m, label: shortMonth(m) }))}
      cell={(officeId, month) => {
        const c = cells.get(`${officeId}:${month}`);
        if (!c) return undefined;
        const score = c.score === undefined ? '—' : `${pts(c.score)}${c.provisional ? '*' : ''}`;
        return {
          value: c.score,
          label: `${names.get(officeId) ?? officeId} ${monthLabel(month)}：${c.score === undefined ? '未评分' : `${pts(c.score)}分${c.provisional ? '（实时预估）' : ''}`}${c.rank ? `，第${c.rank}名` : ''}，按时${c.onTime}项，迟报${c.late}项，漏报${c.missing}项`,
          content: (
            <>
              <div style={{ fontWeight: 600 }}>{score}</div>
              <div>{c.onTime}/{c.late}/{c.missing}</div>
            </>
          ),
        };
      }}
      onOpen={(officeId, month) => navigate(officeMonthPath(officeId, month))}
    />
  );
}

function ItemsByOffice({ month }: { month: string }) {
  const navigate = useNavigate();
  const scores = useLoad(() => assessmentApi.scores({ month }), [month]);
  if (scores.errorMessage) return <Typography.Text type="danger">{scores.errorMessage}</Typography.Text>;
  const items: OfficeScore[] = scores.data?.items ?? [];
  if (scores.data && items.length === 0) return <Typography.Paragraph>{monthLabel(month)}暂无评分结果。</Typography.Paragraph>;
  const lines = items[0]?.lines ?? [];
  const byOffice = new Map(items.map((s) => [s.officeId, new Map(s.lines.map((l) => [l.item, l]))]));
  return (
    <HeatMap
      title={`${monthLabel(month)}各评分项得分率`}
      testId="radar-items"
      bands={SCORE_BANDS}
      rows={lines.map((l) => ({ id: l.item, label: `${l.item} ${l.name}` }))}
      columns={items.map((s) => ({ id: s.officeId, label: s.officeName }))}
      cell={(item, officeId) => {
        const l = byOffice.get(officeId)?.get(item);
        if (!l) return undefined;
        const share = l.applicable && l.max > 0 ? (l.points / l.max) * 100 : undefined;
        return { value: share, label: `${item} ${l.name}：${l.applicable ? `${pts(l.points)}/${pts(l.max)}分` : '不计'}`, content: l.applicable ? pts(l.points) : '不计' };
      }}
      onOpen={(_item, officeId) => navigate(officeMonthPath(officeId, month, scores.data?.run?.runId))}
    />
  );
}

export default function Radar() {
  const [year, setYear] = useState(thisYear());
  const [areaId, setAreaId] = useState<string>();
  const [month, setMonth] = useState(lastMonth());
  const areas = useLoad(() => assessmentApi.areas(), []);
  const radar = useLoad(() => assessmentApi.radar({ year, areaId }), [year, areaId]);
  if (radar.errorStatus === 403) return <Forbidden message={radar.errorMessage} />;
  if (radar.errorStatus !== undefined) return <LoadFailed message={radar.errorMessage ?? ''} retry={radar.reload} />;
  return (
    <Page title="考核热力图">
      <Tabs
        data-testid="radar-tabs"
        items={[
          {
            key: 'months',
            label: '各所 × 月份',
            children: (
              <Flex vertical gap={12}>
                <Flex wrap gap={8}>
                  <YearPicker value={year} onChange={setYear} />
                  {(areas.data?.length ?? 0) > 1 && (
                    <Select aria-label="片区" placeholder="全部片区" allowClear style={{ width: 150 }} value={areaId} onChange={(a?: string) => setAreaId(a)} options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))} data-testid="radar-area" />
                  )}
                </Flex>
                <Typography.Text type="secondary">格内：得分（* 为本月实时预估）；按时/迟报/漏报项数。点击格子查看该所当月明细。</Typography.Text>
                {radar.data && <OfficesByMonth radar={radar.data} />}
              </Flex>
            ),
          },
          {
            key: 'items',
            label: '评分项 × 各所',
            children: (
              <Flex vertical gap={12}>
                <MonthPicker value={month} onChange={setMonth} testId="radar-month" />
                <ItemsByOffice month={month} />
              </Flex>
            ),
          },
        ]}
      />
    </Page>
  );
}
