// Test-side HTTP client. Signatures are computed here, independently of
// lib/auth.mjs, straight from the vendor READMEs, so the tests check the simulator
// against the docs rather than against itself.
import { createHash, createHmac } from 'node:crypto';
import { startSimulator } from '../index.mjs';

/** 2024-01-15 10:00:00 at UTC+8 — inside every vendor's calling window. */
export const T0 = Date.UTC(2024, 0, 15, 2, 0, 0);

export const DEMO = {
  tanyi: { appKey: 'demoAppKey', appSecret: 'demoAppSecret', tenantSign: 'demoTenant' },
  byrobot: { appKey: 'demoAppKey', appSecret: 'demoAppSecret' },
  itniotech: { apiKey: 'demoApiKey', apiSecret: 'demoApiSecret', appId: 'demoAppId' },
  zxycall: { token: 'demoToken' },
};

/** A simulator on a random port with a hand-driven clock (clock.now, epoch ms). */
export async function startTestSim(opts = {}) {
  const clock = { now: opts.now ?? T0 };
  const sim = await startSimulator({ port: 0, seed: 1, clock: () => clock.now, ...opts });
  return { sim, clock };
}

export const sha256hex = (s) => createHash('sha256').update(s, 'utf8').digest('hex');
export const md5hex = (s) => createHash('md5').update(s, 'utf8').digest('hex');
export const hmacSha1b64 = (key, s) => createHmac('sha1', key).update(s, 'utf8').digest('base64');

export function tanyiHeaders({ appKey, appSecret, tenantSign, version = 'v1', timestamp }) {
  const signature = sha256hex(`${tenantSign}appKey=${appKey}&appSecret=${appSecret}&tenantSign=${tenantSign}&version=${version}&timestamp=${timestamp}`);
  return { appKey, tenantSign, version, timestamp: String(timestamp), signature };
}
export function byrobotHeaders({ appKey, appSecret, datetime }) {
  return { appkey: appKey, datetime, sign: hmacSha1b64(appSecret, `${appKey}\n${datetime}`), accept: 'application/json' };
}
export function itniotechHeaders({ apiKey, apiSecret, timestamp }) {
  return { 'Api-Key': apiKey, Timestamp: String(timestamp), Sign: md5hex(`${apiKey}${apiSecret}${timestamp}`) };
}
export const zxyHeaders = (token) => ({ Authorization: `Bearer ${token}` });

/** Signed headers for `vendor` at clock time `now`. */
export function signedHeaders(vendor, now, creds = DEMO[vendor]) {
  switch (vendor) {
    case 'tanyi': return tanyiHeaders({ ...creds, timestamp: now });
    case 'byrobot': return byrobotHeaders({ ...creds, datetime: new Date(now).toUTCString() });
    case 'itniotech': return itniotechHeaders({ ...creds, timestamp: Math.floor(now / 1000) });
    case 'zxycall': return zxyHeaders(creds.token);
    default: throw new Error(vendor);
  }
}

/** Plain HTTP request; returns {status, headers, text, json}. */
export async function request(base, method, path, { body, query, headers = {} } = {}) {
  const qs = query ? `?${new URLSearchParams(query)}` : '';
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}${qs}`, init);
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

/** Client bound to one vendor prefix, signing every call with the sim clock. */
export function vendorClient(sim, clock, vendor, creds = DEMO[vendor]) {
  const call = (method, path, opts = {}) => request(sim.url, method, `/${vendor}${path}`, {
    ...opts, headers: { ...signedHeaders(vendor, clock.now, creds), ...(opts.headers ?? {}) },
  });
  return {
    call,
    get: (path, query, opts) => call('GET', path, { ...opts, query }),
    post: (path, body, opts) => call('POST', path, { ...opts, body }),
    put: (path, body, opts) => call('PUT', path, { ...opts, body }),
    patch: (path, body, opts) => call('PATCH', path, { ...opts, body }),
  };
}

export const control = (sim) => ({
  ledger: () => request(sim.url, 'GET', '/__sim/ledger').then((r) => r.json),
  requests: () => request(sim.url, 'GET', '/__sim/requests').then((r) => r.json),
  reset: () => request(sim.url, 'POST', '/__sim/reset'),
  faults: (cfg) => request(sim.url, 'POST', '/__sim/faults', { body: cfg }),
});

/** n customers with distinct phones. */
export const people = (n, prefix = '1390000') => Array.from({ length: n }, (_, i) => ({ name: `客户${i}`, phone: `${prefix}${String(i).padStart(4, '0')}` }));
