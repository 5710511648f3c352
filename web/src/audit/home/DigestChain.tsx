// 审计摘要链 (auditor): the last seven days' digests, each re-verified by the server against the records
// and the chain — verified, not matching (tampering), or missing (the daily job did not run).
import { Flex, Skeleton, Statistic, Tag, Typography } from 'antd';
import { DIGEST_DAY_STATE_LABELS, digestChainState, digestCheckRange, DIGEST_CHECK_DAYS, type DigestDayState } from '@sifasuo/domain';
import { call } from '../../kit/api';
import { useLoad } from '../../kit/useLoad';

const STATE_COLOURS: Record<DigestDayState, string> = { verified: 'success', broken: 'error', missing: 'warning' };

export default function DigestChain() {
  const range = digestCheckRange(new Date());
  const digests = useLoad(() => call('GET /api/audit/digests', { query: range }), [range.from, range.to]);
  if (digests.errorMessage) return <Typography.Text type="danger">{digests.errorMessage}</Typography.Text>;
  if (!digests.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const state = digestChainState(range, digests.data.items);
  return (
    <Flex vertical gap={12} data-testid="digest-chain">
      <Typography.Text type="secondary">{`最近 ${DIGEST_CHECK_DAYS} 天（${range.from} 至 ${range.to}）`}</Typography.Text>
      <Flex wrap gap={24}>
        <Statistic title="核验通过" value={state.verified} suffix="天" data-testid="digest-verified" />
        <Statistic
          title="核验不符"
          value={state.broken}
          suffix="天"
          styles={{ content: state.broken ? { color: '#cf1322' } : undefined }}
          data-testid="digest-broken"
        />
        <Statistic title="缺少摘要" value={state.missing} suffix="天" data-testid="digest-missing" />
      </Flex>
      <Flex wrap gap={4}>
        {state.days.map((d) => (
          <Tag key={d.day} color={STATE_COLOURS[d.state]} title={DIGEST_DAY_STATE_LABELS[d.state]}>
            {`${d.day.slice(5)} ${DIGEST_DAY_STATE_LABELS[d.state]}`}
          </Tag>
        ))}
      </Flex>
      {state.broken > 0 && (
        <Typography.Text type="danger">存在核验不符的日期：审计记录可能被改动，请在审计日志中核查。</Typography.Text>
      )}
    </Flex>
  );
}
