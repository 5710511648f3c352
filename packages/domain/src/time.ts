// Business time is Asia/Shanghai (UTC+8, no daylight saving). Time is always passed in.

const OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` of the instant in Asia/Shanghai. */
export const shanghaiDay = (instant: Date): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** `YYYY-MM-DD HH:mm:ss` of an instant in Asia/Shanghai, to the second (the audit log's values). */
export const shanghaiTimestamp = (instant: Date): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

/**
 * An ISO instant as people in the county read it, in Asia/Shanghai whatever the reader's zone:
 * `2026-03-01 10:05` (or with seconds); what is not an instant is returned as given. The server and
 * the portal show every time through this.
 */
export const shanghaiDateTime = (iso: string, precision: 'minute' | 'second' = 'minute'): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : shanghaiTimestamp(new Date(t)).slice(0, precision === 'minute' ? 16 : 19);
};

/** `YYYY-MM` of the instant in Asia/Shanghai. */
export const shanghaiMonth = (instant: Date): string => shanghaiDay(instant).slice(0, 7);

/** The UTC instant at which a Shanghai calendar day starts. */
export const shanghaiDayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00+08:00`));

/** The Shanghai day before / after `day` (`YYYY-MM-DD`). */
export const shanghaiPreviousDay = (day: string): string => shanghaiDay(new Date(shanghaiDayStart(day).getTime() - 86_400_000));
export const shanghaiNextDay = (day: string): string => shanghaiDay(new Date(shanghaiDayStart(day).getTime() + 86_400_000));

/** Shanghai days from `from` to `to` inclusive, as `YYYY-MM-DD`. */
export const shanghaiDaysBetween = (from: Date, to: Date): string[] => {
  const days: string[] = [];
  for (let d = shanghaiDayStart(shanghaiDay(from)); d.getTime() <= to.getTime(); d = new Date(d.getTime() + 86_400_000)) {
    days.push(shanghaiDay(d));
  }
  return days;
};

export interface Clock {
  now(): Date;
}
