// The HTTP front: CORS, control endpoints (/__sim/*), the vendor path
// prefixes, request log and fault injection. Vendor modules only map a parsed
// request to a response object; this file decides whether and how it is sent.
// It also owns the callback engine (lib/callbacks.mjs) that vendor modules
// hand their push payloads to.
import { createFaults, FAULT_KINDS } from './faults.mjs';
import { createCallbacks } from './callbacks.mjs';
import { createRouter } from './router.mjs';
import { SimError } from './common.mjs';
import { createTanyi } from '../vendors/tanyi.mjs';
import { createByrobot } from '../vendors/byrobot.mjs';
import { createItniotech } from '../vendors/itniotech.mjs';
import { createZxycall } from '../vendors/zxycall.mjs';

export const VENDORS = ['tanyi', 'byrobot', 'itniotech', 'zxycall'];

/** The documented demo credentials (brief / README). */
export const DEMO_CREDENTIALS = Object.freeze({
  tanyi: { appKey: 'demoAppKey', appSecret: 'demoAppSecret', tenantSign: 'demoTenant' },
  byrobot: { appKey: 'demoAppKey', appSecret: 'demoAppSecret' },
  itniotech: { apiKey: 'demoApiKey', apiSecret: 'demoApiSecret', appId: 'demoAppId' },
  zxycall: { token: 'demoToken' },
});

// Every request header the four vendors use (src/vendors/byrobot/README.md–3, brief) plus the usual.
const ALLOW_HEADERS = [
  'appKey', 'appSecret', 'tenantSign', 'version', 'timestamp', 'signature',
  'appkey', 'datetime', 'sign',
  'Api-Key', 'Timestamp', 'Sign', 'origin',
  'Authorization', 'Content-Type', 'Accept',
];
const EXPOSE_HEADERS = ['Retry-After', 'X-Sim-Request-N', 'X-Sim-Fault'];

const FAULT_STATUS = { http500: 500, http502: 502, http503: 503, http429: 429 };
const FAULT_TEXT = {
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 429: 'Too Many Requests',
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function createSimulator(opts = {}) {
  const seed = opts.seed ?? 1;
  const clock = opts.clock ?? (() => Date.now());
  const credentials = {};
  for (const v of VENDORS) credentials[v] = { ...DEMO_CREDENTIALS[v], ...(opts.credentials?.[v] ?? {}) };

  const ctx = {
    seed,
    clock,
    // CHOICE: one customer dialled per second of simulator clock per running task.
    dialMs: opts.dialMs ?? 1000,
    // CHOICE (src/vendors/tanyi/README.md: drift UNVERIFIED): Tanyi accepts timestamps within ±5 min.
    tanyiDriftMs: opts.tanyiDriftMs ?? 5 * 60 * 1000,
    // src/vendors/byrobot/README.md [B-err]: 408 when datetime is off by more than 3 minutes.
    byrobotSkewMs: opts.byrobotSkewMs ?? 3 * 60 * 1000,
    // CHOICE (src/vendors/itniotech/README.md: window UNVERIFIED): Itniotech accepts ±300 s.
    itniotechWindowSeconds: opts.itniotechWindowSeconds ?? 300,
  };
  // The request log keeps each body unless told not to: a benchmark importing
  // 1 000 000 customers in 10 000 calls would otherwise hold ~80 MB of bodies
  // (and parse each one twice).
  const logBodies = opts.logBodies ?? true;

  // Vendors call ctx.callbacks.{wants, emit, failed}; the engine dials running
  // tasks on its own timer while any callback URL is configured.
  let vendors = null;
  const engine = createCallbacks({
    seed,
    initial: opts.callbacks ?? null,
    onTick: (names) => { const now = clock(); for (const n of names) vendors[n].refresh(now); },
    busy: (names) => names.some((n) => vendors[n].busy()),
  });
  ctx.callbacks = { wants: engine.wants, emit: engine.emit, failed: engine.failed };

  vendors = {
    tanyi: createTanyi({ ...ctx, credentials: credentials.tanyi }),
    byrobot: createByrobot({ ...ctx, credentials: credentials.byrobot }),
    itniotech: createItniotech({ ...ctx, credentials: credentials.itniotech }),
    zxycall: createZxycall({ ...ctx, credentials: credentials.zxycall }),
  };
  for (const v of Object.values(vendors)) v.router = createRouter(v.routes);

  const faults = createFaults(seed);
  let log = [];
  let counter = 0;

  function reset() {
    // The engine first: its deliveries and dial timer stop before the state they point into goes.
    engine.reset();
    for (const v of Object.values(vendors)) v.reset();
    faults.clear();
    log = [];
    counter = 0;
  }

  /** Callback config + delivery ledger. Dials what is due first, like ledger(). */
  function callbacks({ bodies = false } = {}) {
    const now = clock();
    for (const v of Object.values(vendors)) v.refresh(now);
    return engine.snapshot({ bodies });
  }
  const setCallbacks = (cfg) => engine.configure(cfg);

  function ledger() {
    const now = clock();
    const out = {};
    for (const [name, v] of Object.entries(vendors)) { v.refresh(now); out[name] = v.ledger(); }
    return out;
  }

  const requests = () => structuredClone(log);
  const setFaults = (cfg) => faults.set(cfg);
  const getFaults = () => faults.get();

  /** Run one vendor request through routing, auth and the handler. */
  function dispatch(vendor, method, path, raw, query, headers, n) {
    const m = vendor.router.match(method, path);
    if (m.error === 'notFound') return vendor.routeError(404, `no such endpoint: ${method} ${path}`);
    if (m.error === 'methodNotAllowed') return vendor.routeError(405, `method ${method} not allowed; use ${m.allow.join('/')}`, m.allow);
    const now = clock();
    const denied = vendor.authenticate(headers, now);
    if (denied) return denied;
    let body;
    if (raw.length > 0) {
      try { body = JSON.parse(raw); } catch { return vendor.errorResponse(vendor.badBodyError()); }
    }
    vendor.refresh(now);
    try {
      return m.route.handler({ body, query, params: m.params, headers, n, now });
    } catch (e) {
      if (e instanceof SimError) return vendor.errorResponse(e);
      throw e;
    }
  }

  function send(res, status, body, headers = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': typeof body === 'string' && !headers['Content-Type'] ? 'text/plain; charset=utf-8' : 'application/json;charset=UTF-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  async function readBody(req) {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    return Buffer.concat(chunks).toString('utf8');
  }

  async function control(req, res, path) {
    const raw = await readBody(req);
    const route = `${req.method} ${path}`;
    try {
      switch (route) {
        case 'GET /__sim/health':
          return send(res, 200, { ok: true, vendors: VENDORS, seed, requests: counter, faults: faults.get(), faultKinds: FAULT_KINDS, callbacks: engine.totals() });
        case 'GET /__sim/ledger': return send(res, 200, ledger());
        case 'GET /__sim/requests': return send(res, 200, requests());
        case 'POST /__sim/reset': reset(); return send(res, 200, { ok: true });
        case 'GET /__sim/faults': return send(res, 200, { faults: faults.get() });
        case 'POST /__sim/faults': {
          let cfg;
          try { cfg = raw ? JSON.parse(raw) : {}; } catch { return send(res, 400, { error: 'fault config is not JSON' }); }
          return send(res, 200, { ok: true, faults: setFaults(cfg) });
        }
        case 'GET /__sim/callbacks': {
          const q = new URL(req.url, 'http://sim.local').searchParams.get('bodies');
          return send(res, 200, callbacks({ bodies: q === '1' || q === 'true' }));
        }
        case 'POST /__sim/callbacks': {
          let cfg;
          try { cfg = raw ? JSON.parse(raw) : {}; } catch { return send(res, 400, { error: 'callback config is not JSON' }); }
          return send(res, 200, { ok: true, callbacks: setCallbacks(cfg) });
        }
        default: return send(res, 404, { error: `no control endpoint ${route}` });
      }
    } catch (e) {
      return send(res, 400, { error: e.message });
    }
  }

  async function handle(req, res) {
    // CORS on every answer; the admin page runs on another localhost origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS.join(', '));
    const url = new URL(req.url, 'http://sim.local');
    if (req.method === 'OPTIONS') {
      // CHOICE: preflights are answered for any path and are not logged or faulted.
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS.join(', '),
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    if (url.pathname.startsWith('/__sim/')) return control(req, res, url.pathname);

    const [, vendorName, ...rest] = url.pathname.split('/');
    const vendor = vendors[vendorName];
    if (!vendor) return send(res, 404, { error: `unknown vendor prefix /${vendorName}; use one of ${VENDORS.join(', ')}` });
    const path = '/' + rest.join('/');
    const raw = await readBody(req);
    const query = Object.fromEntries(url.searchParams);
    const n = ++counter;
    let body = null;
    if (logBodies && raw) { body = raw; try { body = JSON.parse(raw); } catch { /* keep the raw text in the log */ } }
    const entry = { n, vendor: vendorName, method: req.method, path, query, headers: { ...req.headers }, body, bodyBytes: Buffer.byteLength(raw), outcome: 'pending', status: null, code: null };
    log.push(entry);

    const fault = faults.decide({ n, vendor: vendorName, path });
    const cfg = faults.get(); // read once: a reset during a latency sleep must not break this request
    const tag = { 'X-Sim-Request-N': String(n) };
    if (fault) tag['X-Sim-Fault'] = fault;
    if (fault === 'latency') await sleep(cfg.latencyMs);
    if (fault === 'dropBefore') { entry.outcome = 'dropBefore'; return req.socket.destroy(); }
    if (FAULT_STATUS[fault]) {
      // Not applied. CHOICE: a gateway-like text/plain body; 429 adds Retry-After.
      const status = FAULT_STATUS[fault];
      const headers = { ...tag };
      if (status === 429) headers['Retry-After'] = String(cfg.retryAfterSeconds);
      entry.outcome = fault; entry.status = status;
      return send(res, status, `${status} ${FAULT_TEXT[status]} (simulated fault)`, headers);
    }

    let out;
    try {
      out = dispatch(vendor, req.method, path, raw, query, req.headers, n);
    } catch (e) {
      entry.outcome = 'error';
      entry.error = String(e.stack ?? e);
      return send(res, 500, { error: 'simulator bug', detail: String(e.message ?? e) }, tag);
    }
    entry.status = out.status;
    entry.code = vendor.codeOf(out);
    if (fault === 'dropAfter') { entry.outcome = 'dropAfter'; return req.socket.destroy(); }
    if (fault === 'malformed') {
      // CHOICE: state IS applied, the body is the real JSON cut in half (a strict
      // prefix of a JSON object is never valid JSON). Clients must treat this as
      // "unknown outcome", exactly like a dropped connection.
      entry.outcome = 'malformed';
      const text = JSON.stringify(out.body);
      return send(res, out.status, text.slice(0, Math.max(1, Math.floor(text.length / 2))), { ...out.headers, ...tag, 'Content-Type': 'application/json;charset=UTF-8' });
    }
    entry.outcome = fault === 'latency' ? 'latency' : 'ok';
    return send(res, out.status, out.body, { ...out.headers, ...tag });
  }

  /** Resolves with callbacks() once nothing is left to deliver or dial; rejects after timeoutMs. */
  function callbacksSettled({ timeoutMs = 10000, pollMs = 5 } = {}) {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        // The dial tick may not have run yet: dial what is due now, then look.
        const now = clock();
        for (const v of Object.values(vendors)) v.refresh(now);
        if (engine.settled()) return resolve(engine.snapshot());
        if (Date.now() >= deadline) {
          return reject(new Error(`callbacks not settled within ${timeoutMs} ms: ${JSON.stringify(engine.totals())}`));
        }
        setTimeout(check, pollMs);
      };
      check();
    });
  }

  /** Stop the callback engine for good (the server is closing). */
  const shutdown = () => engine.close();

  return { handle, reset, ledger, requests, setFaults, getFaults, callbacks, setCallbacks, callbacksSettled, shutdown, vendors };
}
