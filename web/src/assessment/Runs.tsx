// 月度考核: a month's runs (versions), the chosen run's state — a progress bar while its offices are
// scored (polled), start / re-run for assessors, approval for the leader — the ranking (rank, office,
// total, section subtotals, 迟报/漏报) with its bars, and the notice as PDF and Excel.
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Button, type ButtonProps, Descriptions, Flex, Input, Modal, Progress, Select, Tag, Typography } from 'antd';
import { roundPoints, type AssessmentRun, type OfficeScore } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { canApproveAssessment, canAssess } from './permissions';
import { lastMonth, monthLabel, MonthPicker, officeMonthPath, pts, RunStatusTag, when } from './shared';
import BarChart from '../kit/BarChart';
import DownloadButton from '../kit/DownloadButton';
import { useReportError } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';
import { TONES } from '../kit/Figures';

const POLL_MS = 1_500;

/** The run while it is being scored: asked again every moment until it is no longer running. */
const useRunProgress = (run: AssessmentRun | undefined, onFinished: () => void) => {
  const [live, setLive] = useState<AssessmentRun>();
  useEffect(() => {
    setLive(run);
    if (!run || run.status !== 'running') return;
    let stopped = false;
    const timer = setInterval(() => {
      assessmentApi.run(run.runId).then(
        (r) => {
          if (stopped) return;
          setLive(r);
          if (r.status !== 'running') {
            stopped = true;
            clearInterval(timer);
            onFinished();
          }
        },
        () => undefined, // a missed poll is asked again next time
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run?.runId, run?.status]);
  return live;
};

function ApproveDialog({ run, onClose, onDone }: { run?: AssessmentRun; onClose: () => void; onDone: () => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const report = useReportError();
  const { message } = App.useApp();
  const approve = async () => {
    if (!run) return;
    setBusy(true);
    try {
      await assessmentApi.approveRun(run.runId, comment.trim() ? { comment: comment.trim() } : {});
      message.success('已审批发布');
      onDone();
    } catch (e) {
      report(e, { reload: onDone });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`审批发布：${run ? monthLabel(run.month) : ''}考核结果`} open={!!run} onOk={approve} onCancel={onClose} confirmLoading={busy} okText="审批发布" okButtonProps={{ 'data-testid': 'run-approve-submit' } as ButtonProps}>
      <Typography.Paragraph>发布后各司法所即可查看本月得分与排名，考核通报同时定稿。</Typography.Paragraph>
      <Input.TextArea aria-label="审批意见" placeholder="审批意见（选填）" rows={3} maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="run-approve-comment" />
    </Modal>
  );
}

const sectionCell = (s: OfficeScore['sections'][number]) => pts(Math.max(0, s.earned - s.deducted));

function Ranking({ items, month, runId }: { items: OfficeScore[]; month: string; runId?: string }) {
  const sorted = useMemo(() => [...items].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || b.total - a.total), [items]);
  const sectionHeads = sorted[0]?.sections ?? [];
  const columns: ResponsiveColumn<OfficeScore>[] = [
    { title: '名次', dataIndex: 'rank', render: (r?: number) => r ?? '—', width: 64 },
    {
      title: '司法所', dataIndex: 'officeName', cardTitle: true,
      render: (name: string, s) => <Link to={officeMonthPath(s.officeId, month, runId)} data-testid="ranking-office">{name}</Link>,
    },
    { title: '总分', dataIndex: 'total', render: (t: number) => <strong data-testid="ranking-total">{pts(t)}</strong> },
    ...sectionHeads.map((h, i) => ({ key: h.id, title: `${h.id} ${h.name}`, render: (_: unknown, s: OfficeScore) => (s.sections[i] ? `${sectionCell(s.sections[i]!)}/${pts(s.sections[i]!.max)}` : '—') })),
    { title: '加分', dataIndex: 'bonus', render: (b: number) => pts(b) },
    {
      title: '通报', key: 'flags',
      render: (_: unknown, s) => s.flags.length === 0 ? '—' : (
        <Flex wrap gap={4}>
          {s.flags.map((f) => (
            <Tag key={f.item} color={f.state === 'late' ? 'gold' : 'red'} style={{ marginInlineEnd: 0 }} data-testid="ranking-flag">
              {f.name}{f.state === 'late' ? '迟报' : '漏报'}
            </Tag>
          ))}
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <ResponsiveTable<OfficeScore> rowKey="officeId" size="small" dataSource={sorted} columns={columns} pagination={false} data-testid="ranking-table" />
      {sorted.length > 0 && (
        <BarChart title={`${monthLabel(month)}各司法所总分`} bars={sorted.map((s) => ({ label: s.officeName, value: roundPoints(s.total) }))} unit="分" valueLabel="总分" testId="ranking-bars" />
      )}
    </Flex>
  );
}

export default function Runs() {
  const me = useMe();
  const report = useReportError();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? lastMonth();
  const chosen = params.get('runId') ?? undefined;
  const [tick, setTick] = useState(0);
  const [approving, setApproving] = useState<AssessmentRun>();
  const [starting, setStarting] = useState(false);
  /** A run started on this page keeps its progress bar when it finishes (full, then the ranking). */
  const [startedHere, setStartedHere] = useState<string>();
  const runs = useLoad(() => assessmentApi.runs({ year: Number(month.slice(0, 4)) }), [month, tick]);
  const versions = (runs.data ?? []).filter((r) => r.month === month).sort((a, b) => b.version - a.version);
  const run = versions.find((r) => r.runId === chosen) ?? versions[0];
  // Nothing is asked while the run is being scored (its offices come in one by one).
  const scores = useLoad(
    () => (run?.status === 'running' ? Promise.resolve(undefined) : assessmentApi.scores({ month, runId: run?.runId })),
    [month, run?.runId, run?.status, tick],
  );
  const live = useRunProgress(run, () => setTick((t) => t + 1));
  const set = (next: Record<string, string | undefined>) =>
    setParams(Object.fromEntries(Object.entries({ month, runId: chosen, ...next }).filter(([, v]) => v)) as Record<string, string>, { replace: true });

  const start = async () => {
    setStarting(true);
    try {
      const { runId } = await assessmentApi.startRun({ month });
      message.success('已启动评分');
      setStartedHere(runId);
      set({ runId });
      setTick((t) => t + 1);
    } catch (e) {
      report(e, { reload: () => setTick((t) => t + 1) });
    } finally {
      setStarting(false);
    }
  };

  if (runs.errorStatus === 403) return <Forbidden message={runs.errorMessage} />;
  if (runs.errorStatus !== undefined) return <LoadFailed message={runs.errorMessage ?? ''} retry={runs.reload} />;
  const shown = live ?? run;
  const running = shown?.status === 'running';
  const current = scores.data && shown && scores.data.run?.runId === shown.runId && scores.data.run.status === shown.status ? scores.data : undefined;
  const actions = (
    <Flex wrap gap={8}>
      <MonthPicker value={month} onChange={(m) => set({ month: m, runId: undefined })} />
      {versions.length > 1 && (
        <Select
          aria-label="评分版本"
          style={{ width: 150 }}
          value={run?.runId}
          onChange={(runId: string) => set({ runId })}
          options={versions.map((v) => ({ value: v.runId, label: `第${v.version}版（${v.status === 'approved' ? '已发布' : v.status === 'superseded' ? '已更正' : v.status === 'running' ? '评分中' : '待审批'}）` }))}
          data-testid="run-version"
        />
      )}
      {canAssess(me) && (
        <Button type="primary" onClick={start} loading={starting} disabled={running} data-testid="run-start">
          {versions.length ? '重新评分' : '启动评分'}
        </Button>
      )}
      {canApproveAssessment(me) && shown?.status === 'scored' && (
        <Button onClick={() => setApproving(shown)} data-testid="run-approve">
          审批发布
        </Button>
      )}
      {shown && !running && (
        <>
          <DownloadButton fetch={() => assessmentApi.noticePdf(shown.runId)} testId="notice-pdf">通报 PDF</DownloadButton>
          <DownloadButton fetch={() => assessmentApi.noticeXlsx(shown.runId)} testId="notice-xlsx">通报 Excel</DownloadButton>
        </>
      )}
    </Flex>
  );
  return (
    <Page title="月度考核" extra={actions}>
      {shown ? (
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }} data-testid="run-info">
          <Descriptions.Item label="考核月份">{monthLabel(shown.month)}</Descriptions.Item>
          <Descriptions.Item label="状态"><RunStatusTag status={shown.status} /></Descriptions.Item>
          <Descriptions.Item label="版本">第{shown.version}版（评分细则 {shown.rubricYear} 第{shown.rubricVersion}版）</Descriptions.Item>
          <Descriptions.Item label="启动">{shown.trigger === 'schedule' ? '定时任务' : shown.startedBy} {when(shown.startedAt)}</Descriptions.Item>
          <Descriptions.Item label="数据截至">{when(shown.asOf)}</Descriptions.Item>
          {shown.approvedAt && <Descriptions.Item label="审批发布">{shown.approvedByName ?? shown.approvedBy} {when(shown.approvedAt)}</Descriptions.Item>}
          {shown.summary && (
            <Descriptions.Item label="概况">
              平均 {pts(shown.summary.average)} 分，最高 {pts(shown.summary.highest)}，最低 {pts(shown.summary.lowest)}；
              <span style={{ color: shown.summary.late ? TONES.warning : undefined }}>迟报 {shown.summary.late}</span>，
              <span style={{ color: shown.summary.missing ? TONES.danger : undefined }}>漏报 {shown.summary.missing}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        !runs.loading && <Typography.Paragraph data-testid="run-none">{monthLabel(month)}尚未评分。</Typography.Paragraph>
      )}
      {shown && (running || shown.runId === startedHere) && (
        <div style={{ marginBottom: 16 }} data-testid="run-progress" data-done={shown.done} data-total={shown.total} data-running={running}>
          <Typography.Text>{running ? '正在评分' : '评分完成'}：已完成 {shown.done} / {shown.total} 个司法所</Typography.Text>
          <Progress
            percent={shown.total ? Math.floor((shown.done / shown.total) * 100) : 0}
            status={running ? 'active' : 'success'}
            aria-label="评分进度"
          />
        </div>
      )}
      {scores.errorStatus !== undefined && scores.errorStatus !== 404 && <Typography.Text type="danger">{scores.errorMessage}</Typography.Text>}
      {/* Only the scores of the run shown (never an earlier answer's, while the next is on its way). */}
      {!running && current && current.items.length > 0 && <Ranking items={current.items} month={month} runId={current.run?.runId} />}
      {!running && current && current.items.length === 0 && <Typography.Paragraph>暂无可查看的得分。</Typography.Paragraph>}
      <ApproveDialog
        run={approving}
        onClose={() => setApproving(undefined)}
        onDone={() => {
          setApproving(undefined);
          setTick((t) => t + 1);
        }}
      />
    </Page>
  );
}
