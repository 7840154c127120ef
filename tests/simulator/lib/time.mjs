// Wall-clock helpers. CHOICE: every vendor here is Chinese-hosted, so date/time
// strings ("yyyy-MM-dd HH:mm:ss") are rendered and parsed in UTC+8 whatever the
// host's time zone, which keeps the tests independent of TZ.
const CST = 8 * 3600 * 1000;

// Cached per second: dialling a large task formats the same few seconds tens
// of thousands of times (every dialogue line carries gmtCreate/gmtModified).
const dtCache = new Map();
export function fmtDateTime(ms) {
  const sec = Math.floor(ms / 1000);
  let s = dtCache.get(sec);
  if (s === undefined) {
    if (dtCache.size >= 4096) dtCache.clear();
    s = new Date(sec * 1000 + CST).toISOString().slice(0, 19).replace('T', ' ');
    dtCache.set(sec, s);
  }
  return s;
}
export function fmtDate(ms) { return new Date(ms + CST).toISOString().slice(0, 10); }

/** 'yyyy-MM-dd' (dateOnly) or 'yyyy-MM-dd HH:mm:ss' (UTC+8) → epoch ms, NaN if invalid. */
export function parseDateTime(s, { allowDateOnly = false, allowNoSeconds = false } = {}) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(typeof s === 'string' ? s : '');
  if (!m) return NaN;
  const [, y, mo, d, hh, mi, ss] = m;
  if (hh === undefined && !allowDateOnly) return NaN;
  if (hh !== undefined && ss === undefined && !allowNoSeconds) return NaN;
  const ms = Date.UTC(+y, +mo - 1, +d, +(hh ?? 0), +(mi ?? 0), +(ss ?? 0)) - CST;
  const back = new Date(ms + CST);
  if (back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d) return NaN;
  if (+(hh ?? 0) > 23 || +(mi ?? 0) > 59 || +(ss ?? 0) > 59) return NaN;
  return ms;
}

/** 'HH:mm' or 'HH:mm:ss' → minutes since midnight, or null if malformed. */
export function parseClock(s) {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(typeof s === 'string' ? s : '');
  if (!m || +m[1] > 23 || +m[2] > 59 || (m[3] !== undefined && +m[3] > 59)) return null;
  return +m[1] * 60 + +m[2] + (m[3] ? +m[3] / 60 : 0);
}

/** Normalise 'HH:mm' to 'HH:mm:ss' (BYRobot replies show seconds). */
export function withSeconds(s) { return s && s.length === 5 ? `${s}:00` : s; }
