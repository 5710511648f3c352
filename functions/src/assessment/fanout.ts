// The run's fan-out: a started (or resumed) run's one RunStarted message becomes one
// OfficeScoringRequested per office not yet scored (runs.ts `askUnscored`). Done here, not in the
// POST: a province's 40,000 messages take longer than API Gateway waits. A redelivery asks again
// only the offices still without a score.
import { assessmentEvents } from '@sifasuo/wiring/src/assessment';
import { sqsConsumer } from '../shared/consumers';
import { envelopeDetail } from '../shared/events';
import { askUnscored } from './runs';

export const handler = sqsConsumer('assessment', async (envelope, _record, { logger }) => {
  const { runId } = assessmentEvents.RunStarted.detail.parse(envelopeDetail(envelope));
  const asked = await askUnscored(runId);
  logger.info('offices asked to be scored', { runId, asked });
});
