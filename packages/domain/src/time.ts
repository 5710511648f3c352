// Business time is Asia/Shanghai (UTC+8, no daylight saving). Time is always passed in.

const OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DD` of the instant in Asia/Shanghai. */
export const shanghaiDay = (instant: Date): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** `YYYY-MM-DD HH:mm:ss` of an instant in Asia/Shanghai, to the second (the audit log's values). */
export const shanghaiTimestamp = (instant: Date): string => new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

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
