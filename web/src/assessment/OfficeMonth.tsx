// An office's assessed month: its total and rank, every line down to the records behind it, its
// deductions and bonuses, and its twelve-month trend. `?runId=` shows an older version.
import { useParams, useSearchParams } from 'react-router-dom';
import { Descriptions, Flex, Skeleton, Typography } from 'antd';
import { assessmentApi } from './api';
import { ScoreLines } from './Lines';
import { monthLabel, pts } from './shared';
import Trend from './Trend';
import { Page } from '../kit/page';
import { Forbidden, LoadFailed, NotFound } from '../kit/results';
import { useLoad } from '../kit/useLoad';

export default function OfficeMonth() {
  const { officeId = '', month = '' } = useParams();
  const [params] = useSearchParams();
  const runId = params.get('runId') ?? undefined;
  const scores = useLoad(() => assessmentApi.scores({ month, officeId, runId }), [month, officeId, runId]);
  if (scores.errorStatus === 403) return <Forbidden message={scores.errorMessage} />;
  if (scores.errorStatus === 404 || scores.errorStatus === 400) return <NotFound message={scores.errorMessage} />;
  if (scores.errorStatus !== undefined) return <LoadFailed message={scores.errorMessage ?? ''} retry={scores.reload} />;
  const score = scores.data?.items.find((s) => s.officeId === officeId);
  const title = score ? `${score.officeName} ${monthLabel(month)}考核` : `${monthLabel(month)}考核`;
  const crumbs = [{ label: '月度考核', to: `/assessment-runs?month=${month}` }, { label: title }];
  if (!scores.data) return <Page title={title} crumbs={crumbs}><Skeleton active /></Page>;
  if (!score) return <Page title={title} crumbs={crumbs}><Typography.Paragraph data-testid="office-month-none">本月暂无该所的考核结果。</Typography.Paragraph></Page>;
  return (
    <Page title={title} crumbs={crumbs}>
      <Flex vertical gap={16}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="office-month-summary">
          <Descriptions.Item label="总分"><strong data-testid="office-month-total">{pts(score.total)}</strong></Descriptions.Item>
          <Descriptions.Item label="名次">{score.rank ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="得分/基数">{pts(score.earned)} / {pts(score.base)}</Descriptions.Item>
          <Descriptions.Item label="加分">{pts(score.bonus)}</Descriptions.Item>
        </Descriptions>
        <ScoreLines score={score} runId={runId ?? scores.data.run?.runId} />
        <Trend to={month} officeId={officeId} title={`${score.officeName}近12个月总分`} testId="office-trend" />
      </Flex>
    </Page>
  );
}
