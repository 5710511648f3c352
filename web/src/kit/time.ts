// Times as the county reads them: every instant the portal shows is in Asia/Shanghai (UTC+8, no daylight
// saving), whatever the browser's own zone. Pages format instants with these helpers only.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** China Standard Time: a fixed offset, so no time-zone database is needed. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/** An ISO instant as `YYYY-MM-DD HH:mm:ss` (or `pattern`) in Shanghai time; `—` when absent or not a time. */
export const formatShanghai = (iso: string | undefined, pattern = 'YYYY-MM-DD HH:mm:ss'): string => {
  if (!iso) return '—';
  const t = dayjs(iso);
  return t.isValid() ? t.utcOffset(SHANGHAI_OFFSET_MINUTES).format(pattern) : '—';
};
