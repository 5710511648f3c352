// 计划总结与信息报送: the office's plans, feedback, summaries, information items, articles and materials,
// handed in by kind and period (a month or a year, as the kind is due) with 按时 / 逾期 from the server's
// due date; the area director (the cluster's other offices) or 基层股 returns one with a comment, and the
// office hands it in again (a returned report counts as not handed in until then). 月度看板: each office in
// scope × the kinds due in the month, coloured by state, with the legend.
import { useLayoutEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, type ButtonProps, DatePicker, Flex, Form, Input, Modal, Select, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  canReturnReport,
  readScope,
  canWriteOfficeRecords,
  REPORT_CELL_LABELS,
  REPORT_KINDS,
  REPORT_KIND_LABELS,
  REPORT_PERIOD,
  REPORT_STATUSES,
  REPORT_STATUS_LABELS,
  reportInput,
  reportReturnInput,
  reportUpdateInput,
  shanghaiDateTime,
  type Office,
  type Report,
  type ReportBoard,
  type ReportCellState,
  type ReportKind,
  type ReportStatus,
} from '@sifasuo/domain';
import { registersApi } from './api';
import { AttachmentLinks, AttachmentsInput } from './Attachments';
import { writableOffices } from './permissions';
import { dueDay, HALF, monthLabel, PAIR, periodLabel, thisMonth, thisYear } from './shared';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { officeSelectOptions, ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';
import { TONES } from '../kit/Figures';

const required = requiredBy(reportInput);
/** Kinds handed in per person: they name their author. */
const AUTHORED: readonly ReportKind[] = ['research-article', 'experience-material'];

const STATUS_COLOURS: Record<ReportStatus, string> = { submitted: 'green', returned: 'orange', withdrawn: 'default' };
export const CELL_COLOURS: Record<ReportCellState, string> = { done: 'green', late: 'gold', returned: 'orange', due: 'blue', missing: 'red' };

const CellTag = ({ state, children }: { state: ReportCellState; children?: React.ReactNode }) => (
  <Tag color={CELL_COLOURS[state]} style={{ marginInlineEnd: 0 }}>
    {REPORT_CELL_LABELS[state]}
    {children}
  </Tag>
);

export const ReportLegend = () => (
  <Flex wrap gap={8} align="center" data-testid="report-legend">
    <span>图例：</span>
    {(Object.keys(REPORT_CELL_LABELS) as ReportCellState[]).map((s) => (
      <CellTag key={s} state={s} />
    ))}
  </Flex>
);

interface ReportValues {
  officeId?: string;
  kind?: ReportKind;
  period?: Dayjs;
  title?: string;
  content?: string;
  author?: string;
  attachments?: { uploadId: string; fileName: string }[];
}

/** 报送 (a new report) or 重新报送 (a returned one, its text corrected; the version it started from). */
function ReportDialog({ open, offices, report, onClose, onSaved }: { open: boolean; offices: readonly Office[]; report?: Report; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<ReportValues>();
  const { busy, save } = useSave(form);
  const kind = Form.useWatch('kind', form);
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    if (report)
      form.setFieldsValue({
        kind: report.kind,
        title: report.title,
        content: report.content,
        author: report.author,
        attachments: report.attachments.map((a) => ({ uploadId: a.uploadId, fileName: a.fileName })),
      });
    else form.setFieldsValue({ officeId: offices.length === 1 ? offices[0]!.id : undefined });
  }, [open, form, offices, report]);
  const periodKind = kind ? REPORT_PERIOD[kind] : 'month';
  const submit = async () => {
    const v = form.getFieldsValue();
    const text = { title: v.title?.trim(), content: v.content?.trim(), author: kind && AUTHORED.includes(kind) ? v.author?.trim() : undefined, attachments: v.attachments?.length ? v.attachments : undefined };
    if (report) {
      const body = dropEmpty({ ...text, version: report.version });
      if (checkWith(form, reportUpdateInput, body)) await save(() => registersApi.updateReport(report.id, body), { done: '已重新报送', then: onSaved, reload: onSaved });
      return;
    }
    const period = v.period ? v.period.format(periodKind === 'month' ? 'YYYY-MM' : 'YYYY') : undefined;
    const body = dropEmpty({ officeId: v.officeId, kind: v.kind, period, ...text });
    if (checkWith(form, reportInput, body)) await save(() => registersApi.submitReport(body), { done: '已报送', then: onSaved });
  };
  return (
    <Modal
      title={report ? `重新报送：${report.title}` : '报送材料'}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="报送"
      okButtonProps={{ 'data-testid': 'report-submit' } as ButtonProps}
      width={720}
      forceRender
    >
      {report?.returnComment && (
        <Typography.Paragraph style={{ color: TONES.warning }} data-testid="report-return-comment">
          退回意见：{report.returnComment}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" name="report" autoComplete="off">
        {!report && (
          <>
            <div style={PAIR}>
              <Form.Item name="officeId" label="司法所" required={required('officeId')} style={HALF}>
                <Select options={officeSelectOptions(offices)} placeholder="请选择" data-testid="report-office" />
              </Form.Item>
              <Form.Item name="kind" label="报送类别" required={required('kind')} style={HALF}>
                <Select options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))} placeholder="请选择" data-testid="report-kind" />
              </Form.Item>
            </div>
            <Form.Item name="period" label={periodKind === 'month' ? '所属月份' : '所属年度'} required={required('period')}>
              <DatePicker picker={periodKind} style={{ width: '100%' }} data-testid="report-period" />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label="标题" required={required('title')}>
          <Input maxLength={100} data-testid="report-title" />
        </Form.Item>
        {kind && AUTHORED.includes(kind) && (
          <Form.Item name="author" label="作者" required>
            <Input maxLength={40} data-testid="report-author" />
          </Form.Item>
        )}
        <Form.Item name="content" label="正文" required={required('content')}>
          <Input.TextArea rows={6} maxLength={20_000} data-testid="report-content" />
        </Form.Item>
        <Form.Item name="attachments" label="附件">
          <AttachmentsInput testId="report-attachments" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnDialog({ report, onClose, onDone }: { report?: Report; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ comment?: string }>();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (report) form.resetFields();
  }, [report, form]);
  const submit = async () => {
    if (!report) return;
    const body = dropEmpty({ version: report.version, comment: form.getFieldValue('comment')?.trim() });
    if (checkWith(form, reportReturnInput, body)) await save(() => registersApi.returnReport(report.id, body), { done: '已退回', then: onDone, reload: onDone });
  };
  return (
    <Modal title={`退回：${report?.title ?? ''}`} open={!!report} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="退回" okButtonProps={{ danger: true, 'data-testid': 'report-return-submit' } as ButtonProps} forceRender>
      <Form form={form} layout="vertical" name="report-return">
        <Form.Item name="comment" label="退回意见" required>
          <Input.TextArea rows={3} maxLength={500} data-testid="report-return-comment-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReportList({ offices, name }: { offices: readonly Office[]; name: (id: string) => string }) {
  const me = useMe();
  const own = useMemo(() => writableOffices(me, offices), [me.username, offices]) // eslint-disable-line react-hooks/exhaustive-deps -- the session user is read anew on each render;
  // An office's year is a few dozen reports; an area's or the county's are thousands: theirs start with this month's.
  const [filters, setFilters] = useState<{ officeId?: string; period: string; kind?: ReportKind; status?: ReportStatus }>(() => ({
    period: readScope(me).kind === 'office' ? String(thisYear()) : thisMonth(),
  }));
  const periods = useMemo(() => {
    const months: string[] = [];
    for (let d = dayjs(`${thisMonth()}-01`); months.length < 12; d = d.subtract(1, 'month')) months.push(d.format('YYYY-MM'));
    return [0, 1, 2].map((i) => String(thisYear() - i)).concat(months);
  }, []);
  const list = useLoad(() => registersApi.reports({ officeId: filters.officeId, period: filters.period, kind: filters.kind, status: filters.status }), [filters]);
  const [viewing, setViewing] = useState<Report>();
  const [submitting, setSubmitting] = useState(false);
  const [resubmitting, setResubmitting] = useState<Report>();
  const [returning, setReturning] = useState<Report>();
  const office = (id: string) => offices.find((o) => o.id === id);
  if (list.errorStatus === 403) return <Forbidden message={list.errorMessage} />;
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, ...patch }));
  const columns: ResponsiveColumn<Report>[] = [
    {
      title: '标题',
      dataIndex: 'title',
      cardTitle: true,
      render: (title: string, r) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => setViewing(r)} data-testid="report-open">
          {title}
        </Button>
      ),
    },
    ...(offices.length > 1 ? [{ title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) }] : []),
    { title: '类别', dataIndex: 'kind', render: (k: ReportKind) => REPORT_KIND_LABELS[k] },
    { title: '所属期间', dataIndex: 'period', render: (p: string) => periodLabel(p) },
    { title: '报送时间', dataIndex: 'submittedAt', render: (at: string) => shanghaiDateTime(at) },
    { title: '截止日期', dataIndex: 'dueAt', render: (at: string) => dueDay(at) },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: ReportStatus, r) => (
        <Flex gap={4} wrap>
          <Tag color={STATUS_COLOURS[s]} style={{ marginInlineEnd: 0 }} data-testid="report-status">
            {REPORT_STATUS_LABELS[s]}
          </Tag>
          {s === 'submitted' && (
            <Tag color={r.onTime ? 'green' : 'gold'} style={{ marginInlineEnd: 0 }} data-testid="report-on-time">
              {r.onTime ? '按时' : '逾期'}
            </Tag>
          )}
        </Flex>
      ),
    },
    {
      title: '退回意见',
      dataIndex: 'returnComment',
      // The comment while it is returned; once handed in again, how often it was.
      render: (c: string | undefined, r: Report) =>
        r.status === 'returned' && c ? `${c}${r.returnedByName ? `（${r.returnedByName}）` : ''}` : r.returns > 0 ? `曾退回 ${r.returns} 次` : '—',
    },
    { title: '附件', dataIndex: 'attachments', render: (a: Report['attachments']) => <AttachmentLinks items={a} /> },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) => {
        const o = office(r.officeId);
        return (
          <Flex gap={8} wrap>
            {r.status === 'returned' && canWriteOfficeRecords(me, r.officeId) && (
              <Button size="small" type="primary" onClick={() => setResubmitting(r)} data-testid="report-resubmit">
                重新报送
              </Button>
            )}
            {r.status === 'submitted' && o && canReturnReport(me, o) && (
              <Button size="small" danger onClick={() => setReturning(r)} data-testid="report-return">
                退回
              </Button>
            )}
          </Flex>
        );
      },
    },
  ];
  const done = () => {
    setSubmitting(false);
    setResubmitting(undefined);
    setReturning(undefined);
    list.reload();
  };
  return (
    <>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} data-testid="report-filters">
          <ScopeOfficeFilter offices={offices} value={filters.officeId} onChange={(officeId) => set({ officeId })} testId="report-filter-office" />
          <Select
            aria-label="所属期间"
            style={{ width: 130 }}
            value={filters.period}
            onChange={(period: string) => set({ period })}
            options={periods.map((p) => ({ value: p, label: p.length === 4 ? `${p}年全年` : monthLabel(p) }))}
            data-testid="report-filter-period"
          />
          <Select aria-label="报送类别" placeholder="全部类别" allowClear style={{ width: 200 }} value={filters.kind} onChange={(kind?: ReportKind) => set({ kind })} options={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))} data-testid="report-filter-kind" />
          <Select aria-label="状态" placeholder="全部状态" allowClear style={{ width: 120 }} value={filters.status} onChange={(status?: ReportStatus) => set({ status })} options={REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] }))} data-testid="report-filter-status" />
        </Flex>
        {own.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setSubmitting(true)} data-testid="report-new">
            报送材料
          </Button>
        )}
      </Flex>
      <ResponsiveTable<Report> rowKey="id" size="small" loading={list.loading} dataSource={list.data} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="report-table" />
      <ReportDialog open={submitting || !!resubmitting} offices={own} report={resubmitting} onClose={() => (setSubmitting(false), setResubmitting(undefined))} onSaved={done} />
      <ReturnDialog report={returning} onClose={() => setReturning(undefined)} onDone={done} />
      <Modal title={viewing?.title} open={!!viewing} onCancel={() => setViewing(undefined)} footer={null} width={720} data-testid="report-view">
        {viewing && (
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">
              {name(viewing.officeId)} · {REPORT_KIND_LABELS[viewing.kind]} · {periodLabel(viewing.period)}
              {viewing.author ? ` · 作者：${viewing.author}` : ''} · {shanghaiDateTime(viewing.submittedAt)} 报送
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{viewing.content}</Typography.Paragraph>
            <AttachmentLinks items={viewing.attachments} />
          </Flex>
        )}
      </Modal>
    </>
  );
}

type BoardRow = ReportBoard['rows'][number];

function Board() {
  const [month, setMonth] = useState(thisMonth());
  const board = useLoad(() => registersApi.reportBoard({ month }), [month]);
  const months = useMemo(() => {
    const out: string[] = [];
    for (let d = dayjs(`${thisMonth()}-01`); out.length < 13; d = d.subtract(1, 'month')) out.push(d.format('YYYY-MM'));
    return out;
  }, []);
  if (board.errorStatus === 403) return <Forbidden message={board.errorMessage} />;
  if (board.errorStatus !== undefined) return <LoadFailed message={board.errorMessage ?? ''} retry={board.reload} />;
  const kinds = board.data?.kinds ?? [];
  const columns: ResponsiveColumn<BoardRow>[] = [
    { title: '司法所', dataIndex: 'officeName', cardTitle: true },
    ...kinds.map((kind) => ({
      key: kind,
      title: REPORT_KIND_LABELS[kind],
      render: (_: unknown, row: BoardRow) => {
        const cell = row.cells.find((c) => c.kind === kind);
        if (!cell) return '—';
        return (
          <span data-testid={`board-${row.officeId}-${kind}`} data-state={cell.state} title={`${periodLabel(cell.period)}，${dueDay(cell.dueAt)} 截止`}>
            <CellTag state={cell.state}>{cell.required > 1 ? ` ${cell.submitted}/${cell.required}` : null}</CellTag>
          </span>
        );
      },
    })),
  ];
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <Select aria-label="选择月份" style={{ width: 140 }} value={month} onChange={setMonth} options={months.map((m) => ({ value: m, label: monthLabel(m) }))} data-testid="report-board-month" />
        <ReportLegend />
      </Flex>
      <ResponsiveTable<BoardRow> rowKey="officeId" size="small" loading={board.loading} dataSource={board.data?.rows} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} data-testid="report-board" />
    </Flex>
  );
}

export default function Reports() {
  const { offices, name } = useScopeOffices();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'board' ? 'board' : 'list';
  return (
    <Page title="计划总结与信息报送">
      <Tabs
        activeKey={tab}
        onChange={(t) => setParams({ tab: t }, { replace: true })}
        items={[
          { key: 'list', label: '报送记录', children: <ReportList offices={offices} name={name} /> },
          { key: 'board', label: '月度看板', children: <Board /> },
        ]}
        data-testid="report-tabs"
      />
    </Page>
  );
}
