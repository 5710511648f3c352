// 纠纷排查: the month at a glance — each office in scope × 上半月, 下半月, 季度集中排查 (quarter ends) and
// 月度报表, each done / late / due / missing — with the month's disputes below: major ones not yet
// reported flagged red, with 上报 — and, for an own office's, 化解进展 and 转为调解案件 (the new-case form
// pre-filled from the dispute). An own office's open cell opens its screening form or the report; the
// month's submitted screenings are listed with 撤回.
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Card, Flex, Space, Tag, Typography } from 'antd';
import {
  canWriteOfficeRecords,
  DISPUTE_RESULT_LABELS,
  isQuarterEnd,
  quarterOf,
  RISK_LEVEL_LABELS,
  SCREENING_KIND_LABELS,
  shanghaiDateTime,
  type Dispute,
  type PeriodState,
  type RiskLevel,
  type Screening as ScreeningRecord,
  type ScreeningBoardRow,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import DisputeProgress from './DisputeProgress';
import MonthlyReportDialog from './MonthlyReportDialog';
import ScreeningForm, { periodLabel, type ScreeningSlot } from './ScreeningForm';
import ScreeningWithdraw from './ScreeningWithdraw';
import { MonthSelect, PeriodLegend, PeriodStateTag, thisMonth, useDictionary } from './shared';
import { useReportError } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const RISK_COLOURS: Record<RiskLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold' };
/** A cell the office may still fill: open now, or missed (a late screening still counts, as late). */
const OPEN: readonly PeriodState[] = ['due', 'missing'];
type Column = 'firstHalf' | 'secondHalf' | 'quarterly' | 'report';
const COLUMN_LABELS: Record<Column, string> = { firstHalf: '上半月', secondHalf: '下半月', quarterly: '季度集中排查', report: '月度报表' };

/** A major dispute not reported to the bureau; overdue once its 4 hours have passed. */
const unreported = (d: Dispute) => d.major && !d.reportedAt && d.status === 'open';
const overdue = (d: Dispute) => unreported(d) && !!d.reportDueAt && Date.parse(d.reportDueAt) < Date.now();

/** The new-case form, opened on the cases page pre-filled from a screened dispute. */
export const caseFromDisputeLink = (d: Dispute) => `/mediation-cases?${new URLSearchParams({ fromDispute: d.id, disputeMonth: d.month })}`;

export default function Screening() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  const focused = params.get('dispute') ?? undefined;
  const board = useLoad(() => mediationApi.board(month), [month]);
  const disputes = useLoad(() => mediationApi.disputes({ month }), [month]);
  const screenings = useLoad(() => mediationApi.screenings({ month }), [month]);
  const types = useDictionary('dispute-types');
  const [slot, setSlot] = useState<ScreeningSlot>();
  const [reporting, setReporting] = useState<string>();
  const report = useReportError();
  const { message } = App.useApp();
  const [sending, setSending] = useState<string>();
  const [progressing, setProgressing] = useState<Dispute>();
  const [withdrawing, setWithdrawing] = useState<ScreeningRecord>();
  const navigate = useNavigate();

  useEffect(() => {
    if (focused && disputes.data) document.querySelector(`[data-row-key="${CSS.escape(focused)}"]`)?.scrollIntoView({ block: 'center' });
  }, [focused, disputes.data]);

  if (board.errorStatus === 403) return <Forbidden message={board.errorMessage} />;
  if (board.errorStatus !== undefined) return <LoadFailed message={board.errorMessage ?? ''} retry={board.reload} />;

  const quarter = isQuarterEnd(month);
  const open = (row: ScreeningBoardRow, column: Column) => {
    if (column === 'report') setReporting(row.officeId);
    else
      setSlot({
        officeId: row.officeId,
        officeName: row.officeName ?? row.officeId,
        kind: column === 'quarterly' ? 'quarterly' : 'half-month',
        period: column === 'quarterly' ? quarterOf(month) : `${month}-${column === 'firstHalf' ? 1 : 2}`,
      });
  };

  const cell = (column: Column) => (state: PeriodState | undefined, row: ScreeningBoardRow) => {
    if (!state) return '—';
    const testId = `cell-${row.officeId}-${column}`;
    // The month's report is submitted once the month has ended.
    const fillable = OPEN.includes(state) && canWriteOfficeRecords(me, row.officeId) && (column !== 'report' || month < thisMonth());
    if (fillable) {
      return (
        <Button
          size="small"
          type="link"
          style={{ padding: 0 }}
          onClick={() => open(row, column)}
          data-testid={testId}
          data-state={state}
        >
          <PeriodStateTag state={state} />
          <span style={{ marginLeft: 4 }}>填报</span>
        </Button>
      );
    }
    return (
      <span data-testid={testId} data-state={state}>
        <PeriodStateTag state={state} />
      </span>
    );
  };

  const columns: ResponsiveColumn<ScreeningBoardRow>[] = [
    { title: '司法所', dataIndex: 'officeName', cardTitle: true, render: (n: string | undefined, r) => n ?? r.officeId },
    { title: COLUMN_LABELS.firstHalf, dataIndex: 'firstHalf', render: cell('firstHalf') },
    { title: COLUMN_LABELS.secondHalf, dataIndex: 'secondHalf', render: cell('secondHalf') },
    ...(quarter ? [{ title: COLUMN_LABELS.quarterly, dataIndex: 'quarterly', render: cell('quarterly') }] : []),
    { title: COLUMN_LABELS.report, dataIndex: 'report', render: cell('report') },
    { title: '纠纷', dataIndex: 'disputes', render: (n: number) => `${n} 件` },
    {
      title: '重大未上报',
      dataIndex: 'unreportedMajor',
      render: (n: number) => (n > 0 ? <Tag color="red">{`${n} 件`}</Tag> : '0'),
    },
  ];

  const reportDispute = async (d: Dispute) => {
    setSending(d.id);
    try {
      await mediationApi.reportDispute(d.id, { version: d.version });
      message.success(`已上报：${d.name}`);
      disputes.reload();
      board.reload();
    } catch (e) {
      report(e, { reload: disputes.reload });
    } finally {
      setSending(undefined);
    }
  };

  const officeName = (id: string) => board.data?.rows.find((r) => r.officeId === id)?.officeName ?? id;
  const disputeColumns: ResponsiveColumn<Dispute>[] = [
    { title: '纠纷名称', dataIndex: 'name', cardTitle: true },
    { title: '司法所', dataIndex: 'officeId', render: officeName },
    { title: '纠纷类型', dataIndex: 'disputeType', render: (code: string) => types.label(code) },
    { title: '风险等级', dataIndex: 'riskLevel', render: (r: RiskLevel) => <Tag color={RISK_COLOURS[r]}>{RISK_LEVEL_LABELS[r]}</Tag> },
    { title: '涉及人数', dataIndex: 'peopleCount' },
    { title: '化解时限', dataIndex: 'dueOn' },
    { title: '化解结果', dataIndex: 'result', render: (r: Dispute['result']) => DISPUTE_RESULT_LABELS[r] },
    {
      title: '重大纠纷',
      key: 'major',
      render: (_: unknown, d) => {
        if (!d.major) return '否';
        if (d.reportedAt) return <Typography.Text>已上报（{shanghaiDateTime(d.reportedAt)}）</Typography.Text>;
        return (
          <Flex wrap gap={4} align="center">
            <Tag color="red" data-testid="dispute-unreported">
              {overdue(d) ? '超时未上报' : '未上报'}
            </Tag>
            {canWriteOfficeRecords(me, d.officeId) && (
              <Button size="small" danger loading={sending === d.id} onClick={() => reportDispute(d)} data-testid="dispute-report">
                上报
              </Button>
            )}
          </Flex>
        );
      },
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, d) =>
        d.status === 'open' && canWriteOfficeRecords(me, d.officeId) ? (
          <Flex wrap gap={4}>
            <Button size="small" onClick={() => setProgressing(d)} data-testid="dispute-progress">
              化解进展
            </Button>
            {!d.caseId && (
              <Button size="small" onClick={() => navigate(caseFromDisputeLink(d))} data-testid="dispute-open-case">
                转为调解案件
              </Button>
            )}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  const screeningColumns: ResponsiveColumn<ScreeningRecord>[] = [
    { title: '排查', key: 'period', cardTitle: true, render: (_: unknown, s) => `${SCREENING_KIND_LABELS[s.kind]} · ${periodLabel(s.period)}` },
    { title: '司法所', dataIndex: 'officeId', render: officeName },
    { title: '排查日期', dataIndex: 'screenedOn' },
    { title: '排查人员', dataIndex: 'participants' },
    { title: '纠纷', key: 'disputes', render: (_: unknown, s) => (s.zeroReport ? '零报告' : `${s.disputeIds.length} 件`) },
    { title: '报送时间', dataIndex: 'submittedAt', render: (at: string, s) => `${shanghaiDateTime(at)}${s.late ? '（逾期）' : ''}` },
    {
      title: '状态',
      key: 'status',
      render: (_: unknown, s) =>
        s.status === 'withdrawn' ? (
          <Typography.Text type="secondary" data-testid="screening-withdrawn">
            已撤回{s.withdrawal ? `：${s.withdrawal.reason}` : ''}
          </Typography.Text>
        ) : (
          '已报送'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, s) =>
        s.status === 'submitted' && canWriteOfficeRecords(me, s.officeId) ? (
          <Button size="small" danger onClick={() => setWithdrawing(s)} data-testid="screening-withdraw">
            撤回
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Page title="纠纷排查" extra={<MonthSelect value={month} onChange={(m) => setParams(m ? { month: m } : {})} testId="screening-month" />}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={`${month.replace('-', '年')}月 排查情况`}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <PeriodLegend />
            <ResponsiveTable<ScreeningBoardRow>
              rowKey="officeId"
              size="small"
              loading={board.loading}
              dataSource={board.data?.rows}
              columns={columns}
              pagination={false}
              data-testid="screening-board"
            />
          </Space>
        </Card>
        <Card size="small" title="本月排查出的纠纷">
          <ResponsiveTable<Dispute>
            rowKey="id"
            size="small"
            loading={disputes.loading}
            dataSource={disputes.data}
            columns={disputeColumns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            rowClassName={(d) => (d.id === focused ? 'ant-table-row-selected' : '')}
            onRow={(d) => ({ style: unreported(d) ? { background: '#fff1f0' } : undefined })}
            data-testid="dispute-table"
          />
        </Card>
        <Card size="small" title="本月排查报送记录">
          <ResponsiveTable<ScreeningRecord>
            rowKey="id"
            size="small"
            loading={screenings.loading}
            dataSource={screenings.data}
            columns={screeningColumns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="screening-table"
          />
        </Card>
      </Space>
      <ScreeningForm
        slot={slot}
        onClose={() => setSlot(undefined)}
        onSaved={() => {
          setSlot(undefined);
          board.reload();
          disputes.reload();
          screenings.reload();
        }}
      />
      <DisputeProgress
        dispute={progressing}
        onClose={() => setProgressing(undefined)}
        onSaved={() => {
          setProgressing(undefined);
          disputes.reload();
        }}
      />
      <ScreeningWithdraw
        screening={withdrawing}
        officeName={withdrawing ? officeName(withdrawing.officeId) : ''}
        onClose={() => setWithdrawing(undefined)}
        onDone={() => {
          setWithdrawing(undefined);
          screenings.reload();
          disputes.reload();
          board.reload();
        }}
      />
      <MonthlyReportDialog
        officeId={reporting}
        month={month}
        onClose={() => setReporting(undefined)}
        onSaved={() => {
          setReporting(undefined);
          board.reload();
        }}
      />
    </Page>
  );
}
