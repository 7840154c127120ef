// Signature algorithms exactly as the vendor READMEs (src/vendors/*/README.md) describes them.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** src/vendors/tanyi/README.md Auth: lowercase hex SHA-256 of tenantSign + "appKey=..&appSecret=..&tenantSign=..&version=..&timestamp=.." */
export function tanyiSignature({ appKey, appSecret, tenantSign, version, timestamp }) {
  const s = `${tenantSign}appKey=${appKey}&appSecret=${appSecret}&tenantSign=${tenantSign}&version=${version}&timestamp=${timestamp}`;
  return createHash('sha256').update(s, 'utf8').digest('hex');
}

/** src/vendors/byrobot/README.md Auth: Base64(HMAC-SHA1(key = AppSecret, AppKey + "\n" + datetime)) */
export function byrobotSignature({ appKey, appSecret, datetime }) {
  return createHmac('sha1', appSecret).update(`${appKey}\n${datetime}`, 'utf8').digest('base64');
}

/** src/vendors/itniotech/README.md Auth: lowercase hex MD5(apiKey + apiSecret + Timestamp(seconds)) */
export function itniotechSignature({ apiKey, apiSecret, timestamp }) {
  return createHash('md5').update(`${apiKey}${apiSecret}${timestamp}`, 'utf8').digest('hex');
}

const RFC1123 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 1123, GMT, English names (src/vendors/byrobot/README.md). Returns epoch ms or NaN. */
export function parseRfc1123(s) {
  const m = RFC1123.exec(s ?? '');
  if (!m) return NaN;
  const [, , d, mon, y, hh, mm, ss] = m;
  const ms = Date.UTC(+y, MONTHS.indexOf(mon), +d, +hh, +mm, +ss);
  const back = new Date(ms);
  if (back.getUTCDate() !== +d || +hh > 23 || +mm > 59 || +ss > 59) return NaN; // 31 Feb etc.
  return ms;
}

/** Constant-time string compare (length leak is fine here). */
export function safeEqual(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}

/** HTTP header lookup; node already lower-cases names, this just documents it. */
export function header(headers, name) {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
