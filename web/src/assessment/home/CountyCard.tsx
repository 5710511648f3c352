// 全县考核概览 (the leader): this month's radar summary across the county, last month's ranking (top
// and bottom) and the county's trend, each linking to its page.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { assessmentApi } from '../api';
import { lastMonth, monthLabel, officeMonthPath, pts, thisMonth, thisYear } from '../shared';
import Trend from '../Trend';
import Figures from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

const ENDS = 3;

export default function CountyCard() {
  const month = thisMonth();
  const previous = lastMonth();
  const radar = useLoad(() => assessmentApi.radar({ year: thisYear() }), []);
  const ranking = useLoad(() => assessmentApi.scores({ month: previous }), []);
  // The trend reuses this year's map rather than asking for it again.
  const loaded = useMemo(() => (radar.data ? [radar.data] : []), [radar.data]);
  if (!radar.data && !radar.errorMessage) return <Skeleton active paragraph={{ rows: 4 }} />;
  const cells = (radar.data?.cells ?? []).filter((c) => c.month === month);
  const sum = (k: 'onTime' | 'late' | 'missing') => cells.reduce((s, c) => s + c[k], 0);
  const ranked = [...(ranking.data?.items ?? [])].sort((a, b) => b.total - a.total);
  const top = ranked.slice(0, ENDS);
  const bottom = ranked.length > ENDS ? ranked.slice(-ENDS) : [];
  const line = (s: (typeof ranked)[number]) => (
    <li key={s.officeId}>
      <Link to={officeMonthPath(s.officeId, previous, ranking.data?.run?.runId)} style={{ textDecoration: 'underline' }}>{s.officeName}</Link> {pts(s.total)} 分
    </li>
  );
  return (
    <Flex vertical gap={12} data-testid="assessment-county-card">
      {radar.errorMessage && <Typography.Text type="danger">{radar.errorMessage}</Typography.Text>}
      <Figures
        items={[
          { label: `${monthLabel(month)}按时完成`, value: sum('onTime'), unit: '项', testId: 'county-on-time' },
          { label: '迟报', value: sum('late'), unit: '项', tone: sum('late') ? 'warning' : undefined, testId: 'county-late' },
          { label: '漏报', value: sum('missing'), unit: '项', tone: sum('missing') ? 'danger' : undefined, testId: 'county-missing' },
        ]}
      />
      {ranked.length > 0 && (
        <Flex wrap gap={32}>
          <div>
            <Typography.Text strong>{monthLabel(previous)}前{top.length}名</Typography.Text>
            <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="county-top">{top.map(line)}</ol>
          </div>
          {bottom.length > 0 && (
            <div>
              <Typography.Text strong>后{bottom.length}名</Typography.Text>
              <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="county-bottom">{bottom.map(line)}</ul>
            </div>
          )}
        </Flex>
      )}
      <Trend to={previous} title="全县平均分近12个月" testId="county-trend" loaded={loaded} />
      <Flex wrap gap={16}>
        <Link to="/assessment-radar">考核热力图</Link>
        <Link to={`/assessment-runs?month=${previous}`}>月度考核</Link>
      </Flex>
    </Flex>
  );
}
