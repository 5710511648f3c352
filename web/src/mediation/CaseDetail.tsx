// A case: its particulars and parties, the timeline of what happened to it (intake, mediation records,
// closure, follow-up, judicial confirmation, online entry, review, withdrawal), and the actions the
// case allows next (allowedCaseCommands) that the user may take. A stale case (409) shows the server's
// message and is loaded again.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  AGREEMENT_FORM_LABELS,
  allowedCaseCommands,
  CASE_COMMAND_LABELS,
  CASE_RESULT_LABELS,
  CASE_STATUS_LABELS,
  canReviewMediation,
  canWriteOfficeRecords,
  CONFIRMATION_LABELS,
  PARTY_ROLE_LABELS,
  PERFORMANCE_LABELS,
  SATISFACTION_LABELS,
  shanghaiDateTime,
  yuanText,
  type Actor,
  type CaseCommandKind,
  type MediationCase,
  type StoredParty,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import CaseAction from './CaseAction';
import { CaseStatusTag } from './Cases';
import { useDictionary } from './shared';
import { useScopeOffices } from '../kit/offices';
import DownloadButton from '../kit/DownloadButton';
import { useReportError } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed, NotFound } from '../kit/results';
import { useLoad } from '../kit/useLoad';

/** The commands the case allows next that this user may take: the keeper's office, or its reviewer. */
export const commandsFor = (me: Actor, c: MediationCase): CaseCommandKind[] =>
  allowedCaseCommands(c).filter((k) =>
    k === 'review' ? canReviewMediation(me, { id: c.officeId, areaId: c.areaId }) : canWriteOfficeRecords(me, c.officeId),
  );

/**
 * The written agreement (调解协议书) exists once a case closed with one; it carries the parties' full ID
 * numbers, so it is for those who keep or review the case.
 */
const mayDownloadAgreement = (me: Actor, c: MediationCase) =>
  (c.status === 'closed' || c.status === 'reviewed') &&
  c.closure?.result === 'agreement' &&
  c.closure.agreement?.form === 'written' &&
  (canWriteOfficeRecords(me, c.officeId) || canReviewMediation(me, { id: c.officeId, areaId: c.areaId }));

const at = (iso: string, by: string) => (
  <Typography.Text type="secondary">
    {shanghaiDateTime(iso)} · {by}
  </Typography.Text>
);

function CaseTimeline({ c }: { c: MediationCase }) {
  const items: { key: string; color?: string; content: React.ReactNode }[] = [
    { key: 'intake', content: <>受理（{c.receivedOn}） {at(c.createdAt, c.createdBy)}</> },
    ...c.records.map((r, i) => ({
      key: `record-${i}`,
      content: (
        <>
          <div>
            调解记录（{r.on}）{r.mediators?.length ? `，调解员：${r.mediators.join('、')}` : ''} {at(r.at, r.by)}
          </div>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.content}</Typography.Paragraph>
        </>
      ),
    })),
  ];
  const cl = c.closure;
  if (cl) {
    items.push({
      key: 'closure',
      color: cl.result === 'agreement' ? 'green' : 'red',
      content: (
        <>
          <div>
            结案（{cl.closedOn}）：{CASE_RESULT_LABELS[cl.result]} {at(cl.closedAt, cl.by)}
          </div>
          {cl.agreement && (
            <Typography.Paragraph style={{ margin: 0 }} data-testid="case-agreement">
              {AGREEMENT_FORM_LABELS[cl.agreement.form]}；涉及金额 <span data-testid="case-amount">{yuanText(cl.agreement.amountFen)}</span> 元；履行期限{' '}
              {cl.agreement.performBy}
              <br />
              <span style={{ whiteSpace: 'pre-wrap' }}>{cl.agreement.terms}</span>
            </Typography.Paragraph>
          )}
          {cl.reason && <Typography.Paragraph style={{ margin: 0 }}>原因：{cl.reason}</Typography.Paragraph>}
        </>
      ),
    });
  }
  if (c.followUp) {
    const f = c.followUp;
    items.push({
      key: 'follow-up',
      content: (
        <>
          回访（{f.visitedOn}）：{PERFORMANCE_LABELS[f.performance]}，{SATISFACTION_LABELS[f.satisfaction]}
          {f.note ? `；${f.note}` : ''} {at(f.at, f.by)}
        </>
      ),
    });
  }
  if (c.confirmation) {
    const f = c.confirmation;
    items.push({ key: 'confirmation', content: <>司法确认（{f.appliedOn}申请，{f.court}）：{CONFIRMATION_LABELS[f.result]} {at(f.at, f.by)}</> });
  }
  if (c.enteredOnlineAt) items.push({ key: 'online', content: <>已网上录入 <Typography.Text type="secondary">{shanghaiDateTime(c.enteredOnlineAt)}</Typography.Text></> });
  if (c.review) items.push({ key: 'review', color: 'green', content: <>已审核{c.review.comment ? `：${c.review.comment}` : ''} {at(c.review.at, c.review.by)}</> });
  if (c.withdrawal) {
    items.push({
      key: 'withdrawal',
      color: 'gray',
      content: <>撤销（原状态：{CASE_STATUS_LABELS[c.withdrawal.from]}）：{c.withdrawal.reason} {at(c.withdrawal.at, c.withdrawal.by)}</>,
    });
  }
  return <Timeline data-testid="case-timeline" items={items} />;
}

export default function CaseDetail() {
  const { caseId = '' } = useParams();
  const me = useMe();
  const loaded = useLoad(() => mediationApi.case(caseId), [caseId]);
  const { name } = useScopeOffices();
  const sources = useDictionary('case-sources');
  const types = useDictionary('dispute-types');
  const [acting, setActing] = useState<CaseCommandKind>();
  const report = useReportError();

  if (loaded.errorStatus === 403) return <Forbidden message={loaded.errorMessage} />;
  if (loaded.errorStatus === 404) return <NotFound message={loaded.errorMessage} />;
  if (loaded.errorStatus !== undefined) return <LoadFailed message={loaded.errorMessage ?? ''} retry={loaded.reload} />;
  const c = loaded.data;
  const crumbs = [{ label: '调解案件', to: '/mediation-cases' }, { label: c?.caseNo ?? '案件' }];
  if (!c) {
    return (
      <Page title="调解案件" crumbs={crumbs}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Page>
    );
  }
  const commands = commandsFor(me, c);
  const reveal = () => mediationApi.revealCase(c.id).then(loaded.setData, (e: unknown) => report(e));
  return (
    <Page title={c.caseNo} crumbs={crumbs} extra={<CaseStatusTag status={c.status} testId="case-detail-status" />}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Flex wrap gap={8} data-testid="case-actions">
          {commands.map((k) => (
            <Button key={k} type={k === 'withdraw' ? 'default' : 'primary'} danger={k === 'withdraw'} onClick={() => setActing(k)} data-testid={`case-action-${k}`}>
              {k === 'confirm' ? '司法确认' : k === 'withdraw' ? '撤销案件' : CASE_COMMAND_LABELS[k]}
            </Button>
          ))}
          {mayDownloadAgreement(me, c) && (
            <DownloadButton icon={<DownloadOutlined />} fetch={() => mediationApi.downloadAgreement(c.id)} testId="case-agreement-pdf">
              下载协议书
            </DownloadButton>
          )}
        </Flex>
        <Card size="small" title="案件信息">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'office', label: '司法所', children: name(c.officeId) },
              { key: 'received', label: '受理日期', children: c.receivedOn },
              { key: 'source', label: '案件来源', children: sources.label(c.source) },
              { key: 'type', label: '纠纷类型', children: types.label(c.disputeType) },
              { key: 'mediators', label: '调解员', children: c.mediators?.join('、') || '—' },
              { key: 'status', label: '状态', children: CASE_STATUS_LABELS[c.status] },
              { key: 'summary', label: '纠纷简要情况', span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</span> },
            ]}
          />
        </Card>
        <Card
          size="small"
          title="当事人"
          extra={
            canWriteOfficeRecords(me, c.officeId) &&
            c.parties.some((p) => p.idNumber) && (
              <Button size="small" onClick={reveal} data-testid="case-reveal">
                显示完整身份证号
              </Button>
            )
          }
        >
          <ResponsiveTable<StoredParty & { key: number }>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={c.parties.map((p, key) => ({ ...p, key }))}
            data-testid="case-parties"
            columns={[
              { title: '姓名', dataIndex: 'name', cardTitle: true },
              { title: '身份', dataIndex: 'role', render: (r: StoredParty['role']) => PARTY_ROLE_LABELS[r] },
              { title: '身份证号', dataIndex: 'idNumber', render: (v?: string) => v ?? '—' },
              { title: '联系电话', dataIndex: 'phone', render: (v?: string) => v ?? '—' },
              { title: '住址', dataIndex: 'address', render: (v?: string) => v ?? '—' },
            ]}
          />
        </Card>
        <Card size="small" title="办理过程">
          <CaseTimeline c={c} />
        </Card>
      </Space>
      <CaseAction
        command={acting}
        c={c}
        onClose={() => setActing(undefined)}
        onDone={(after) => {
          setActing(undefined);
          loaded.setData(after);
        }}
        onStale={() => {
          setActing(undefined);
          loaded.reload();
        }}
      />
    </Page>
  );
}
