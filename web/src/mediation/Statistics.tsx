// 调解统计: the month's cases by dispute type and by source (received, closed, by result and agreement
// form, success rate, agreed amounts) generated from the records; cases by type as bars, the success
// rate of the last twelve months as a line; the official workbook (下载统计报表).
import { useState } from 'react';
import { Card, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { permilleText, yuanText, type StatisticsRow } from '@sifasuo/domain';
import { mediationApi } from './api';
import { MonthSelect, thisMonth } from './shared';
import { ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import BarChart from '../kit/BarChart';
import DownloadButton from '../kit/DownloadButton';
import LineChart from '../kit/LineChart';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const columns = (first: string): ResponsiveColumn<StatisticsRow>[] => [
  { title: first, dataIndex: 'label', cardTitle: true },
  { title: '受理', dataIndex: 'received' },
  { title: '结案', dataIndex: 'closed' },
  { title: '调解成功', dataIndex: 'agreements' },
  { title: '书面协议', dataIndex: 'written' },
  { title: '口头协议', dataIndex: 'oral' },
  { title: '调解不成', dataIndex: 'failed' },
  { title: '终止调解', dataIndex: 'terminated' },
  { title: '成功率', dataIndex: 'successPermille', render: (p?: number) => permilleText(p) },
  { title: '协议金额（元）', dataIndex: 'amountFen', render: (fen: number) => yuanText(fen) },
];

const withTotal = (rows: readonly StatisticsRow[], total: StatisticsRow) => [...rows, { ...total, code: '__total' }];

export default function Statistics() {
  const [month, setMonth] = useState(thisMonth());
  const [officeId, setOfficeId] = useState<string>();
  const { offices } = useScopeOffices();
  const stats = useLoad(() => mediationApi.statistics({ month, officeId }), [month, officeId]);
  const trend = useLoad(() => mediationApi.trend({ to: month, officeId }), [month, officeId]);
  if (stats.errorStatus === 403) return <Forbidden message={stats.errorMessage} />;
  if (stats.errorStatus !== undefined) return <LoadFailed message={stats.errorMessage ?? ''} retry={stats.reload} />;
  const s = stats.data;
  const bars = (s?.byType ?? []).filter((r) => r.received > 0 || r.closed > 0).map((r) => ({ label: r.label, value: r.received }));

  return (
    <Page
      title="调解统计"
      extra={
        <Flex wrap gap={8}>
          <MonthSelect value={month} onChange={(m) => setMonth(m ?? thisMonth())} testId="statistics-month" />
          <ScopeOfficeFilter offices={offices} value={officeId} onChange={setOfficeId} testId="statistics-office" />
          <DownloadButton icon={<DownloadOutlined />} fetch={() => mediationApi.downloadStatistics({ month, officeId })} testId="statistics-download">
            下载统计报表
          </DownloadButton>
        </Flex>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {s && (
          <Typography.Text data-testid="statistics-total">
            本月受理 <strong data-testid="statistics-received">{s.total.received}</strong> 件，结案 <strong data-testid="statistics-closed">{s.total.closed}</strong>{' '}
            件，调解成功 {s.total.agreements} 件，成功率 {permilleText(s.total.successPermille)}，协议金额 {yuanText(s.total.amountFen)} 元
          </Typography.Text>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small" title="各类纠纷受理案件数" style={{ height: '100%' }}>
              {bars.length ? (
                <BarChart title="各类纠纷受理案件数" bars={bars} unit="件" valueLabel="受理" testId="statistics-bars" />
              ) : (
                <Empty description="本月暂无案件" />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title="近12个月调解成功率" style={{ height: '100%' }}>
              {trend.data && (
                <LineChart
                  title="近12个月调解成功率"
                  points={trend.data.months.map((m) => ({ label: m.month, value: m.successPermille }))}
                  format={(p) => permilleText(p)}
                  max={1000}
                  tick={(m) => `${Number(m.slice(5))}月`}
                  testId="statistics-trend"
                />
              )}
            </Card>
          </Col>
        </Row>
        <Card size="small" title="按纠纷类型">
          <ResponsiveTable<StatisticsRow>
            rowKey="code"
            size="small"
            loading={stats.loading}
            dataSource={s ? withTotal(s.byType, s.total) : undefined}
            columns={columns('纠纷类型')}
            pagination={false}
            data-testid="statistics-by-type"
          />
        </Card>
        <Card size="small" title="按案件来源">
          <ResponsiveTable<StatisticsRow>
            rowKey="code"
            size="small"
            loading={stats.loading}
            dataSource={s ? withTotal(s.bySource, s.total) : undefined}
            columns={columns('案件来源')}
            pagination={false}
            data-testid="statistics-by-source"
          />
        </Card>
      </Space>
    </Page>
  );
}
