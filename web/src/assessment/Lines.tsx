// An office's month line by line (item, points/max, state, note) and, for a clicked line, the facts
// behind it — when each occurred and was due (Shanghai) and a link to the record's own page, from the
// record-link registry of the context that owns it (an unknown record reads as text).
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Drawer, Flex, Grid, Tag, Typography } from 'antd';
import { FACT_KIND_LABELS, type Adjustment, type Drilldown, type OfficeScore, type ScoreLine } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { LineLegend, LineStateTag, pts, when } from './shared';
import { recordLinkFor } from '../kit/portal';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { useLoad } from '../kit/useLoad';

type Fact = Drilldown['facts'][number];

function FactsDrawer({ score, line, runId, onClose }: { score: OfficeScore; line?: ScoreLine; runId?: string; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const drill = useLoad(
    () => (line ? assessmentApi.drilldown({ month: score.month, officeId: score.officeId, item: line.item, runId }) : Promise.resolve(undefined)),
    [line?.item, score.month, score.officeId, runId],
  );
  const columns: ResponsiveColumn<Fact>[] = [
    { title: '事项', dataIndex: 'kind', cardTitle: true, render: (k: Fact['kind'], f) => <span style={{ textDecoration: f.retracted ? 'line-through' : undefined }}>{FACT_KIND_LABELS[k] ?? k}</span> },
    { title: '发生时间', dataIndex: 'occurredAt', render: (at: string) => when(at) },
    { title: '期限', dataIndex: 'dueAt', render: (at?: string) => when(at) },
    { title: '状态', key: 'state', render: (_: unknown, f) => (f.retracted ? <Tag>已撤回</Tag> : f.dueAt && f.occurredAt > f.dueAt ? <Tag color="gold">逾期</Tag> : <Tag color="green">有效</Tag>) },
    {
      title: '记录', key: 'ref',
      render: (_: unknown, f) => {
        const to = recordLinkFor(f.ref, { month: f.month, officeId: f.officeId });
        return to ? <Link to={to} data-testid="fact-record-link">查看记录</Link> : <span data-testid="fact-record-text">{`${f.ref.context}/${f.ref.type}/${f.ref.id}`}</span>;
      },
    },
  ];
  return (
    <Drawer open={!!line} onClose={onClose} title={line ? `${line.item} ${line.name}` : ''} size={screens.md ? 720 : '100%'} data-testid="facts-drawer">
      {line && (
        <Flex vertical gap={12}>
          <Typography.Text>
            得分 {pts(line.points)} / {pts(line.max)}　<LineStateTag state={line.state} />
          </Typography.Text>
          <Typography.Text type="secondary">{line.note}</Typography.Text>
          {drill.errorMessage && <Typography.Text type="danger">{drill.errorMessage}</Typography.Text>}
          <ResponsiveTable<Fact> rowKey="id" size="small" loading={drill.loading} dataSource={drill.data?.facts ?? []} columns={columns} pagination={false} data-testid="facts-table" />
        </Flex>
      )}
    </Drawer>
  );
}

/** The month's lines, its deductions and bonuses; a line opens its facts. */
export function ScoreLines({ score, runId }: { score: OfficeScore; runId?: string }) {
  const [open, setOpen] = useState<ScoreLine>();
  const columns: ResponsiveColumn<ScoreLine>[] = [
    {
      title: '评分项', dataIndex: 'item', cardTitle: true,
      render: (_: string, l) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setOpen(l)} data-testid="score-line" data-item={l.item} data-facts={l.factIds.length}>
          {l.item} {l.name}
        </Button>
      ),
    },
    { title: '得分', key: 'points', render: (_: unknown, l) => (l.applicable ? `${pts(l.points)} / ${pts(l.max)}` : '不计') },
    { title: '状态', dataIndex: 'state', render: (_: unknown, l) => <LineStateTag state={l.state} /> },
    { title: '说明', dataIndex: 'note' },
  ];
  const active = score.adjustments.filter((a) => a.status === 'active');
  return (
    <Flex vertical gap={12}>
      <LineLegend />
      <ResponsiveTable<ScoreLine> rowKey="item" size="small" dataSource={score.lines} columns={columns} pagination={false} data-testid="score-lines" />
      {active.length > 0 && (
        <ResponsiveTable<Adjustment>
          rowKey="id" size="small" dataSource={active} pagination={false} data-testid="score-adjustments"
          columns={[
            { title: '扣分/加分', dataIndex: 'kind', cardTitle: true, render: (k: Adjustment['kind'], a) => `${k === 'bonus' ? '加分' : '扣分'}（${a.item}）` },
            { title: '分值', dataIndex: 'points', render: (p: number, a) => `${a.kind === 'bonus' ? '+' : '−'}${pts(p)}` },
            { title: '事由', dataIndex: 'reason' },
            { title: '录入', key: 'by', render: (_: unknown, a) => `${a.byName} ${when(a.at)}` },
          ]}
        />
      )}
      <FactsDrawer score={score} line={open} runId={runId} onClose={() => setOpen(undefined)} />
    </Flex>
  );
}
