// Auth of every vendor, vendor READMEs' test vectors, and each documented failure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator } from './index.mjs';
import { tanyiSignature, byrobotSignature, itniotechSignature, parseRfc1123 } from './lib/auth.mjs';
import {
  T0, DEMO, startTestSim, request, sha256hex, md5hex, hmacSha1b64, tanyiHeaders, byrobotHeaders, itniotechHeaders, signedHeaders,
} from './support/client.mjs';

// ---- vendor READMEs' test vectors, computed by the test itself and by lib/auth ----
const TANYI_VECTOR = 'ac8936bc10177578767f3c0e8a1173e459df2c6c2eb7e3a99e9ef5255fc47951';
const BYROBOT_VECTOR = 'rXYIlTHbbrDTOv6mlC/3UsM14eo=';
const ITNIOTECH_VECTOR = '1ace6a82b79ca58aa1ad8aebfe99704a';

test('src/vendors/tanyi/README.md Tanyi vector (SHA-256 of tenantSign + fixed-order query string)', () => {
  assert.equal(sha256hex('demoTenantappKey=demoAppKey&appSecret=demoAppSecret&tenantSign=demoTenant&version=v1&timestamp=1557747252783'), TANYI_VECTOR);
  assert.equal(tanyiSignature({ ...DEMO.tanyi, version: 'v1', timestamp: '1557747252783' }), TANYI_VECTOR);
});

test('src/vendors/byrobot/README.md BYRobot vector (Base64 HMAC-SHA1 of appKey\\ndatetime)', () => {
  assert.equal(hmacSha1b64('demoAppSecret', 'demoAppKey\nThu, 13 Dec 2018 01:27:17 GMT'), BYROBOT_VECTOR);
  assert.equal(byrobotSignature({ ...DEMO.byrobot, datetime: 'Thu, 13 Dec 2018 01:27:17 GMT' }), BYROBOT_VECTOR);
});

test('src/vendors/itniotech/README.md Itniotech vector (MD5 of apiKey+apiSecret+seconds)', () => {
  assert.equal(md5hex('demoApiKeydemoApiSecret1630468800'), ITNIOTECH_VECTOR);
  assert.equal(itniotechSignature({ apiKey: 'demoApiKey', apiSecret: 'demoApiSecret', timestamp: '1630468800' }), ITNIOTECH_VECTOR);
});

test('RFC 1123 parser accepts the documented form only', () => {
  assert.equal(parseRfc1123('Thu, 13 Dec 2018 01:27:17 GMT'), Date.UTC(2018, 11, 13, 1, 27, 17));
  assert.ok(Number.isNaN(parseRfc1123('2018-12-13T01:27:17Z')));
  assert.ok(Number.isNaN(parseRfc1123('Thu, 13 Dec 2018 01:27:17 +0800')));
  assert.ok(Number.isNaN(parseRfc1123('Thu, 31 Feb 2018 01:27:17 GMT')));
});

test('the simulator accepts the exact vector headers when its clock is at the vector time', async (t) => {
  const cases = [
    { now: 1557747252783, path: '/tanyi/apiOpen/v1/tenant/getTenant', method: 'GET',
      headers: { appKey: 'demoAppKey', tenantSign: 'demoTenant', version: 'v1', timestamp: '1557747252783', signature: TANYI_VECTOR },
      check: (r) => assert.equal(r.json.code, 200) },
    { now: Date.UTC(2018, 11, 13, 1, 27, 17), path: '/byrobot/openapi/v1/company/getCompanys', method: 'GET',
      headers: { appkey: 'demoAppKey', datetime: 'Thu, 13 Dec 2018 01:27:17 GMT', sign: BYROBOT_VECTOR },
      check: (r) => assert.equal(r.json.code, 200) },
    { now: 1630468800 * 1000, path: '/itniotech/aivoice/channelList', method: 'POST', body: { appId: 'demoAppId' },
      headers: { 'Api-Key': 'demoApiKey', Timestamp: '1630468800', Sign: ITNIOTECH_VECTOR },
      check: (r) => assert.equal(r.json.status, '0') },
  ];
  for (const c of cases) {
    const sim = await startSimulator({ port: 0, clock: () => c.now });
    t.after(() => sim.close());
    const r = await request(sim.url, c.method, c.path, { headers: c.headers, body: c.body });
    assert.equal(r.status, 200);
    c.check(r);
  }
});

let sim, clock;
before(async () => ({ sim, clock } = await startTestSim()));
after(() => sim.close());

const tanyi = (headers) => request(sim.url, 'GET', '/tanyi/apiOpen/v1/tenant/getTenant', { headers });
const byrobot = (headers) => request(sim.url, 'GET', '/byrobot/openapi/v1/company/getCompanys', { headers });
const itnio = (headers) => request(sim.url, 'POST', '/itniotech/aivoice/dialogFlowList', { headers, body: { appId: 'demoAppId' } });
const zxy = (headers) => request(sim.url, 'GET', '/zxycall/v1/task/create', { headers });

test('Tanyi: good signature passes; optional tenantSign/version headers default; names are case-insensitive', async () => {
  const h = tanyiHeaders({ ...DEMO.tanyi, timestamp: clock.now });
  let r = await tanyi(h);
  assert.equal(r.status, 200);
  assert.equal(r.json.code, 200);
  assert.deepEqual(Object.keys(r.json).sort(), ['code', 'data', 'errorStackTrace', 'requestId', 'resultMsg']);
  const { tenantSign, version, ...demoStyle } = h; // the Java demo omits tenantSign; the docs text omits version
  r = await tanyi(demoStyle);
  assert.equal(r.json.code, 200);
  r = await tanyi(Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v])));
  assert.equal(r.json.code, 200);
  r = await tanyi({ ...h, appSecret: 'demoAppSecret' }); // docs text sends appSecret too
  assert.equal(r.json.code, 200);
});

test('Tanyi: each auth failure is code 401 in an HTTP 200 envelope', async () => {
  const h = tanyiHeaders({ ...DEMO.tanyi, timestamp: clock.now });
  const bad = [
    { ...h, signature: h.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, // wrong signature
    { ...h, signature: h.signature.toUpperCase() }, // documented as lowercase hex
    (({ signature, ...x }) => x)(h), // missing signature
    (({ timestamp, ...x }) => x)(h), // missing timestamp
    (({ appKey, ...x }) => x)(h), // missing appKey
    tanyiHeaders({ ...DEMO.tanyi, appKey: 'otherKey', timestamp: clock.now }), // unknown key
    tanyiHeaders({ ...DEMO.tanyi, tenantSign: 'otherTenant', timestamp: clock.now }), // wrong tenant
    tanyiHeaders({ ...DEMO.tanyi, appSecret: 'wrong', timestamp: clock.now }), // signed with the wrong secret
    { ...h, appSecret: 'wrong' }, // wrong appSecret header
    tanyiHeaders({ ...DEMO.tanyi, timestamp: Math.floor(clock.now / 1000) }), // seconds, not milliseconds → stale
  ];
  for (const headers of bad) {
    const r = await tanyi(headers);
    assert.equal(r.status, 200);
    assert.equal(r.json.code, 401, JSON.stringify(headers));
    assert.equal(r.json.data, null);
  }
});

test('Tanyi: timestamp drift window (CHOICE 5 min) in both directions', async () => {
  for (const [dt, code] of [[-4 * 60e3, 200], [4 * 60e3, 200], [-6 * 60e3, 401], [6 * 60e3, 401]]) {
    const r = await tanyi(tanyiHeaders({ ...DEMO.tanyi, timestamp: clock.now + dt }));
    assert.equal(r.json.code, code, `drift ${dt}`);
  }
  const r = await tanyi(tanyiHeaders({ ...DEMO.tanyi, timestamp: clock.now - 6 * 60e3 }));
  assert.match(r.json.resultMsg, /过期/);
});

test('BYRobot: good sign passes; each failure gives 401, skew > 3 min gives 408', async () => {
  const dt = (ms) => new Date(clock.now + ms).toUTCString();
  assert.equal((await byrobot(byrobotHeaders({ ...DEMO.byrobot, datetime: dt(0) }))).json.code, 200);
  assert.equal((await byrobot(byrobotHeaders({ ...DEMO.byrobot, datetime: dt(-170e3) }))).json.code, 200);
  assert.equal((await byrobot(byrobotHeaders({ ...DEMO.byrobot, datetime: dt(170e3) }))).json.code, 200);
  assert.equal((await byrobot(byrobotHeaders({ ...DEMO.byrobot, datetime: dt(-190e3) }))).json.code, 408);
  assert.equal((await byrobot(byrobotHeaders({ ...DEMO.byrobot, datetime: dt(190e3) }))).json.code, 408);
  const h = byrobotHeaders({ ...DEMO.byrobot, datetime: dt(0) });
  const bad = [
    { ...h, sign: hmacSha1b64('wrongSecret', `demoAppKey\n${h.datetime}`) },
    { ...h, sign: hmacSha1b64('demoAppSecret', `demoAppKey${h.datetime}`) }, // no "\n"
    (({ sign, ...x }) => x)(h), (({ datetime, ...x }) => x)(h), (({ appkey, ...x }) => x)(h),
    byrobotHeaders({ ...DEMO.byrobot, appKey: 'otherKey', datetime: dt(0) }),
    byrobotHeaders({ ...DEMO.byrobot, datetime: new Date(clock.now).toISOString() }), // not RFC 1123
  ];
  for (const headers of bad) {
    const r = await byrobot(headers);
    assert.equal(r.status, 200);
    assert.equal(r.json.code, 401, JSON.stringify(headers));
  }
});

test('Itniotech: −57/−58/−59 for missing headers, −1 wrong key/sign, −4 stale', async () => {
  const secs = Math.floor(clock.now / 1000);
  const h = itniotechHeaders({ ...DEMO.itniotech, timestamp: secs });
  const r0 = await itnio(h);
  assert.equal(r0.json.status, '0');
  assert.equal(typeof r0.json.status, 'string');
  const cases = [
    [(({ Sign, ...x }) => x)(h), '-57'],
    [(({ Timestamp, ...x }) => x)(h), '-58'],
    [(({ 'Api-Key': k, ...x }) => x)(h), '-59'],
    [itniotechHeaders({ ...DEMO.itniotech, apiKey: 'nope', timestamp: secs }), '-1'],
    [itniotechHeaders({ ...DEMO.itniotech, apiSecret: 'nope', timestamp: secs }), '-1'],
    [itniotechHeaders({ ...DEMO.itniotech, timestamp: secs - 301 }), '-4'],
    [itniotechHeaders({ ...DEMO.itniotech, timestamp: secs + 301 }), '-4'],
    [itniotechHeaders({ ...DEMO.itniotech, timestamp: clock.now }), '-4'], // milliseconds are not seconds
    [itniotechHeaders({ ...DEMO.itniotech, timestamp: secs - 299 }), '0'],
    [Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v])), '0'],
  ];
  for (const [headers, status] of cases) {
    const r = await itnio(headers);
    assert.equal(r.status, 200);
    assert.equal(r.json.status, status, JSON.stringify(headers));
  }
});

test('ZXY (CHOICE): Authorization: Bearer <token>, else HTTP 401 {message}', async () => {
  assert.equal((await zxy({ Authorization: 'Bearer demoToken' })).status, 200);
  for (const headers of [{}, { Authorization: 'Bearer nope' }, { Authorization: 'demoToken' }, { Authorization: 'Basic demoToken' }]) {
    const r = await zxy(headers);
    assert.equal(r.status, 401);
    assert.equal(typeof r.json.message, 'string');
  }
});

test('credential overrides replace the demo set', async (t) => {
  const s = await startSimulator({ port: 0, clock: () => T0, credentials: { zxycall: { token: 'tok2' }, itniotech: { apiKey: 'k2', apiSecret: 's2', appId: 'a2' } } });
  t.after(() => s.close());
  assert.equal((await request(s.url, 'GET', '/zxycall/v1/task/create', { headers: { Authorization: 'Bearer demoToken' } })).status, 401);
  assert.equal((await request(s.url, 'GET', '/zxycall/v1/task/create', { headers: { Authorization: 'Bearer tok2' } })).status, 200);
  const creds = { apiKey: 'k2', apiSecret: 's2' };
  let r = await request(s.url, 'POST', '/itniotech/aivoice/channelList', { headers: signedHeaders('itniotech', T0, creds), body: { appId: 'a2' } });
  assert.equal(r.json.status, '0');
  r = await request(s.url, 'POST', '/itniotech/aivoice/channelList', { headers: signedHeaders('itniotech', T0, creds), body: { appId: 'demoAppId' } });
  assert.equal(r.json.status, '-37');
  // the other vendors keep the demo set
  r = await request(s.url, 'GET', '/tanyi/apiOpen/v1/tenant/getTenant', { headers: signedHeaders('tanyi', T0) });
  assert.equal(r.json.code, 200);
});
