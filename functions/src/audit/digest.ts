// Scheduled daily (01:10 Asia/Shanghai): make sure the vault holds every record of each finished day,
// then digest the day into the hash chain.
import { digestDay, GENESIS_HASH, shanghaiDay, shanghaiNextDay, shanghaiPreviousDay, type AuditDigest, type AuditRecord } from '@sifasuo/domain';
import { logger } from '../shared/aws';
import { scheduledJob } from '../shared/consumers';
import { auditItem } from '../shared/audit-writer';
import { sha256 } from './hash';
import { auditRepository as repo } from './repository';
import { keysUnder, putOnce, recordKey } from './vault-store';

/**
 * The stream copies each record to the vault as it is written; a copy it could not make (its retries
 * ran out) is made here, from the table, before the day is digested — so the vault misses nothing.
 */
const copyMissingToVault = async (day: string, records: readonly AuditRecord[]) => {
  const have = await keysUnder(`records/DAY#${day}/`);
  const missing = records.map(auditItem).filter((item) => !have.has(recordKey(item)));
  for (const item of missing) await putOnce(recordKey(item), item);
  if (missing.length) logger.warn('audit records copied to the vault by the digest', { day, count: missing.length });
};

/** Digests every finished day since the last digest (at most a month per run), chaining them. */
export const digestFinishedDays = async (now: Date): Promise<AuditDigest[]> => {
  const yesterday = shanghaiPreviousDay(shanghaiDay(now));
  const latest = await repo.latestDigest();
  let day = latest ? shanghaiNextDay(latest.day) : yesterday;
  let previous = latest?.chainHash ?? GENESIS_HASH;
  const written: AuditDigest[] = [];
  while (day <= yesterday && written.length < 31) {
    const records = await repo.allOfDay(day);
    await copyMissingToVault(day, records);
    const digest = digestDay(day, records, previous, sha256, now);
    await repo.putDigest(digest);
    written.push(digest);
    previous = digest.chainHash;
    day = shanghaiNextDay(day);
  }
  return written;
};

export const handler = scheduledJob('audit', async (now, { logger: jobLogger }) => {
  const written = await digestFinishedDays(now);
  jobLogger.info('audit digests written', { days: written.map((d) => d.day) });
  return { days: written.map((d) => d.day) };
});
