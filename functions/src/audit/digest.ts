// Scheduled daily (01:10 Asia/Shanghai): digest the finished days of the audit trail.
import { logger } from '../shared/aws';
import { audit } from './use-cases';

export const handler = async (event: { time?: string }) => {
  const written = await audit.digestFinishedDays(event.time ? new Date(event.time) : new Date());
  logger.info('audit digests written', { days: written.map((d) => d.day) });
  return { days: written.map((d) => d.day) };
};
