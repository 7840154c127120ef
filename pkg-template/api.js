// The public API over the wasm exports: the same functions, a Client with one method per
// operation, and the error classes (errors.js, generated.js). Types: index.d.ts.
import * as raw from "./waihu.js";
import { invalid, json, opts, rethrow, str, sync, typed } from "./boundary.js";
import { ANSWERS, CAPABILITIES, STATUS } from "./generated.js";
import { readBody } from "./body.js";

// The rows of ANSWERS (src/edge.rs), and the body limit when the config sets none.
const [PREFLIGHT, UNAUTHENTICATED, ORIGIN, NOT_ALLOWED, TOO_LARGE, RATE_LIMITED, METHOD, BAD_REQUEST] = [0, 1, 2, 3, 4, 5, 6, 7];
const MAX_BODY_BYTES = 1 << 20;

export * from "./errors.js";
export * from "./generated.js";
export * from "./webhook.js";

/** `{ signal, fetch, onProgress }` apart from the rest, which crosses as JSON text. */
function split(options) {
  const { signal, onProgress, ...rest } = options ?? {};
  return { signal, onProgress, rest: opts(rest) };
}

export const validate = (vendor, operation, params, options) => {
  const issues = sync(() => raw.validate(str(vendor, "the vendor"), str(operation, "the operation"), json(params), opts(options)));
  return issues === undefined ? [] : JSON.parse(issues);
};
export const buildRequest = (vendor, operation, params, options) => JSON.parse(sync(() => raw.buildRequest(str(vendor, "the vendor"), str(operation, "the operation"), json(params), opts(options))));
export const parseResponse = (vendor, operation, status, body, locale) => JSON.parse(sync(() => raw.parseResponse(str(vendor, "the vendor"), str(operation, "the operation"), typeof status === "number" ? status : NaN, str(body, "the body"), opts(locale))));
export const operations = (vendor) => sync(() => raw.operations(str(vendor, "the vendor")));

// The unified task API: the core maps and checks the spec (a plan) and reads the replies.
const unified = (kind, vendor, id, arg, options) => JSON.parse(sync(() => raw.unified(kind, str(vendor, "the vendor"), json(id), json(arg), opts(options))));
export const validateTask = (vendor, spec, options) => unified("validate", vendor, null, spec, options);
export const taskParams = (vendor, spec, options) => unified("params", vendor, null, spec, options);
// The matrix is the core's (`capabilities` in src/unified/mod.rs), computed when the package is
// built; the core checks the vendor.
export const capabilities = (vendor) => (operations(vendor), JSON.parse(JSON.stringify(CAPABILITIES[vendor])));
export const taskSpec = (vendor, detail) => unified("spec", vendor, null, detail);
export const taskSummaries = (vendor, data) => unified("tasks", vendor, null, data);
export const callRecords = (vendor, data) => unified("records", vendor, null, data);

export class Client {
  #raw;
  #locale;
  #proxy;
  constructor(config) {
    const { fetch, ...rest } = config ?? {};
    this.#raw = sync(() => new raw.Client(json(rest, "the client config is"), fetch));
    this.#proxy = rest.proxyUrl != null;
    this.#locale = rest.locale;
    // The unified task API: a plan says which call to send, a read turns its reply into
    // records. The spec is checked with the client's locale, severity and meta unless the
    // call's options say otherwise.
    const { locale, severity, meta } = rest;
    const checks = (options) => {
      const { signal, ...o } = options ?? {};
      return { locale, severity, meta, ...o };
    };
    const send = async (kind, id, arg, options) => {
      const p = unified(kind, this.vendor, id, arg, checks(options));
      return this.call(p.operation, p.params, options);
    };
    const read = async (kind, id, arg, options, then) => unified(then, this.vendor, id, await send(kind, id, arg, options));
    Object.defineProperty(this, "tasks", { enumerable: false, value: Object.freeze({
      create: async (spec, options) => {
        const result = await this.call("createTask", taskParams(this.vendor, spec, checks(options)), options);
        return { id: unified("tasks", this.vendor, null, result)[0]?.id ?? null, result };
      },
      update: async (id, spec, options) => this.call("updateTask", taskParams(this.vendor, spec, { ...checks(options), operation: "updateTask", id }), options),
      list: (params, options) => read("list", null, params, options, "tasks"),
      get: (id, params, options) => read("get", id, params, options, "task"),
    }) });
    Object.defineProperty(this, "calls", { enumerable: false, value: Object.freeze({
      list: (taskId, params, options) => read("calls", taskId, params, options, "records"),
      get: async (id, params, options) => unified("records", this.vendor, null, await send("call", id, params, options))[0] ?? null,
    }) });
    // One method per operation the vendor supports: client.createTask(params), …
    // (importCustomers is the whole-import method below; one raw call is call("importCustomers", …).)
    for (const op of raw.operations(this.#raw.vendor)) {
      if (op === "importCustomers") continue;
      Object.defineProperty(this, op, { value: (params, options) => this.call(op, params, options), enumerable: false });
    }
  }
  get vendor() {
    return this.#raw.vendor;
  }
  async call(operation, params, options) {
    const { signal, rest } = split(options);
    const result = JSON.parse(await this.#raw.call(str(operation, "the operation"), json(params), rest, signal, false).catch(rethrow));
    if (!this.#proxy) return result;
    // A proxy's answer: its data, or the error it ended with.
    if (result.error) throw typed(result.error);
    return result.data;
  }

  /**
   * Sends one chunk an import planner cut (`body`: its JSON text; its rows were validated when
   * planned) and resolves to its outcome, `{ kind, status, … }`: never rejects for the chunk's
   * own failure. What a queue's consumer sends.
   */
  async importChunk(body, options) {
    if (typeof body !== "string") throw invalid("the chunk body must be a string");
    const { signal, rest } = split(options);
    return JSON.parse(await this.#raw.call("importCustomers", body, rest, signal, true).catch(rethrow));
  }

  /**
   * Imports any number of customers: the core plans them as they are pushed (validates each
   * row, drops duplicates across the whole list, cuts chunks of the vendor's limit); this sends
   * the chunks, `concurrency` at a time, and the core sorts each chunk's result and folds the
   * outcomes into a report that accounts for every row. A chunk whose outcome is unknown is
   * never re-sent (the report says which rows to resend and whether that is safe). The report
   * always comes back: if `onProgress` throws, no further chunk starts and the report carries
   * the error as `progressError`.
   */
  async importCustomers(taskId, customers, options) {
    // The import's messages and report in its locale, else the client's.
    options = { locale: this.#locale, ...options };
    const { signal, onProgress, rest } = split(options);
    if (onProgress !== undefined && typeof onProgress !== "function") {
      throw invalid("invalid import options: `onProgress` must be a function");
    }
    if (!Array.isArray(customers)) throw invalid("the customers must be an array");
    const plan = sync(() => new raw.ImportPlanner(this.vendor, json(taskId), rest, false));
    // What the report needs: the rejected rows and each chunk's rows and outcome (JSON text).
    const bodies = [], chunks = [], outcomes = [], rejected = [];
    let counts;
    try {
      // Rows cross as NDJSON in slices, so the text in wasm memory stays small whatever the
      // list's size; the chunks' bodies wait here (JS strings, freed as they are sent).
      const take = (text) => {
        const lines = text.split("\n");
        counts = JSON.parse(lines[0]);
        counts.chunks.forEach((c, i) => (bodies.push(lines[i + 1]), chunks.push([c.first, c.end, c.rows])));
        if (counts.rejected.length) rejected.push(JSON.stringify(counts.rejected).slice(1, -1));
      };
      for (let i = 0; i < customers.length; i += IMPORT_SLICE) {
        let text = "";
        for (const row of customers.slice(i, i + IMPORT_SLICE)) text += json(row, "customers are") + "\n";
        take(sync(() => plan.push(text, false)));
      }
      take(sync(() => plan.push("", true)));
    } finally {
      plan.free();
    }
    const { total, rejectedCount, concurrency } = counts;
    let done = rejectedCount, failed = rejectedCount, next = 0, progressError;
    const progress = () => {
      if (progressError !== undefined) return;
      try {
        onProgress?.({ done, total, failed });
      } catch (e) {
        progressError = e ?? new Error("onProgress threw");
      }
    };
    progress();
    const worker = async () => {
      while (next < bodies.length && progressError === undefined && !signal?.aborted) {
        const i = next++;
        const outcome = (outcomes[i] = await this.#raw.call("importCustomers", bodies[i], rest, signal, true).catch(rethrow));
        bodies[i] = undefined;
        const { kind } = JSON.parse(outcome);
        if (kind !== "notSent") done += chunks[i][2];
        if (kind === "rejected" || kind === "unknown") failed += chunks[i][2];
        progress();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, bodies.length)) }, worker));
    const state = `{"locale":${JSON.stringify(options.locale ?? "en")},"total":${total},"rejected":[${rejected.join(",")}],"chunks":[${chunks.map(([first, end], i) => `[${first},${end},${outcomes[i] ?? "null"}]`).join(",")}]}`;
    const report = JSON.parse(raw.importReport(this.vendor, state));
    // The fold knows rows the vendor named or counted as failed inside accepted chunks.
    ({ done, failed } = { done: total - report.notSent.length, failed: report.rejected.length + report.unknown.length });
    progress();
    if (progressError !== undefined) report.progressError = progressError;
    return report;
  }
}

/** Rows per push into the planner. */
const IMPORT_SLICE = 2048;

/**
 * A CSV list's customers (`{ name?, phone, properties? }[]`), read by the core's CSV reader.
 * Throws a TypeError (`invalid_argument`) when the header names no phone column.
 */
export function csvCustomers(text) {
  if (typeof text !== "string") throw invalid("the CSV must be a string");
  const customers = raw.csvCustomers(text);
  if (!customers) throw invalid("the CSV header names no phone column (phone, mobile, tel, 手机, 电话, …)");
  return JSON.parse(customers);
}

/**
 * A streaming import planner: feed it the list as text in pieces of any size (`push`), then
 * `end()`; each returns what was planned since the last call: `{ chunks: [{ first, end, rows,
 * body }], rejected, total, rejectedCount, concurrency }` (`body`: the chunk's params as JSON
 * text, for `client.importChunk`). `format`: `"ndjson"` (a row a line, the default) or `"csv"`.
 * Throws ValidationError for the task id and call members, a CSV header without a phone
 * column, and at `end()` for invalid rows unless `skipInvalid`. Call `free()` when done.
 */
export function createImportPlanner(vendor, taskId, options) {
  const { format = "ndjson", ...rest } = options ?? {};
  if (format !== "ndjson" && format !== "csv") throw invalid('`format` must be "ndjson" or "csv"');
  const planner = sync(() => new raw.ImportPlanner(str(vendor, "the vendor"), json(taskId), opts(rest), format === "csv"));
  const take = (text) => {
    const lines = text.split("\n");
    const planned = JSON.parse(lines[0]);
    planned.chunks.forEach((c, i) => (c.body = lines[i + 1]));
    return planned;
  };
  return {
    push(text) {
      if (typeof text !== "string") throw invalid("the text must be a string");
      return take(sync(() => planner.push(text, false)));
    },
    end: () => take(sync(() => planner.push("", true))),
    free: () => planner.free(),
  };
}

/**
 * The report of an import from what its sender keeps: `{ total, rejected, chunks: [first, end,
 * outcome | null][] }` (the planner's rejected rows and chunks, each chunk's outcome from
 * `importChunk`, null while it is still to be sent), as an object or its JSON text. The same
 * fold as `client.importCustomers`: a queue's ledger answers with this.
 */
export function importReport(vendor, state) {
  const report = sync(() => raw.importReport(str(vendor, "the vendor"), typeof state === "string" ? state : json(state, "the import state is")));
  if (!report) throw invalid("the import state must be { total, rejected, chunks: [first, end, outcome | null][] }");
  return JSON.parse(report);
}

export { createImportConsumer, LEDGER_RULES } from "./queue.js";

/**
 * The edge proxy: `(request: Request) => Promise<Response>`, holding the vendors' credentials
 * so that browser pages (a `Client` with `proxyUrl` and `token`) never see them. The core
 * decides (origin, token, size, operation, one rate-limit bucket: src/edge.rs) and its tables
 * say how to answer (ANSWERS, STATUS); this reads the request, keeps the buckets, calls
 * `authorize` and `onCall`, sends admitted calls with a `Client` per vendor (and locale), and
 * makes the Response.
 */
export function createProxyHandler(config) {
  const { authorize, onCall, fetch, vendors, tokens, origins = [], maxBodyBytes = MAX_BODY_BYTES, rateLimits = {}, ...send } = config ?? {};
  const bad = (m) => {
    throw invalid(`invalid proxy config: ${m}`);
  };
  for (const [name, f] of [["authorize", authorize], ["onCall", onCall]]) {
    if (f !== undefined && typeof f !== "function") bad(`\`${name}\` must be a function`);
  }
  // The config's lists, as the core reads them: lines.
  if ((tokens === undefined) === (authorize === undefined)) bad("give either `tokens` or an `authorize` function");
  const tokenLines = Object.entries(tokens ?? {}).map(([caller, token]) => {
    if (typeof token !== "string" || token.length < 16 || /\s/.test(token) || /\n/.test(caller)) bad("`tokens` must map callers to tokens of at least 16 characters, without spaces");
    return `${caller}\n${token}`;
  }).join("\n");
  if (!Array.isArray(origins) || origins.some((o) => typeof o !== "string")) bad("`origins` must be strings");
  const originLines = origins.join("\n");
  if (typeof vendors !== "object" || vendors === null) bad("`vendors` must map vendor ids to their credentials and operations");
  const allowed = [];
  for (const [vendor, { operations = [] } = {}] of Object.entries(vendors)) {
    for (const op of operations) {
      if (sync(() => raw.proxyRoute(vendor, String(op))) < 0) bad(`\`operations\` of ${vendor} names an operation it does not have: ${op}`);
      allowed.push(`${vendor} ${op}`);
    }
  }
  const allowedLines = allowed.join("\n");
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0) bad("`maxBodyBytes` must be a whole number");
  const limits = Object.entries(rateLimits).map(([key, l]) => {
    if (key !== "writes" && !Object.keys(vendors).some((v) => raw.proxyRoute(v, key) >= 0)) bad('`rateLimits` keys are "writes" or operations');
    if (!(l?.limit >= 1 && l?.windowMs >= 1)) bad("each rate limit needs a `limit` and `windowMs` of at least 1");
    return [key, l.limit, l.windowMs];
  });
  // The callers' buckets: `${caller}\n${key}` → [calls, at]; the oldest go first past 10 000.
  const buckets = new Map();
  const clients = new Map();
  const client = (vendor, locale) => {
    const key = `${vendor} ${locale}`;
    if (!clients.has(key)) {
      const { credentials, baseUrl } = vendors[vendor];
      clients.set(key, sync(() => new raw.Client(json({ ...send, vendor, credentials, baseUrl, locale }, "the client config is"), fetch)));
    }
    return clients.get(key);
  };
  for (const vendor of Object.keys(vendors)) client(vendor, "en");

  // The row of ANSWERS to refuse the call with and its own field, or undefined to send it.
  const refusal = async (request, audit, admitted) => {
    if (request.method === "OPTIONS") return [PREFLIGHT];
    if (request.method !== "POST") return [METHOD];
    const h = request.headers;
    if (tokens !== undefined) {
      audit.caller = raw.proxyCaller(tokenLines, h.get("authorization") ?? "") ?? null;
      if (audit.caller === null) return [UNAUTHENTICATED];
    }
    if (!raw.proxyFits(Number(h.get("content-length") ?? NaN), maxBodyBytes)) return [TOO_LARGE, maxBodyBytes];
    if (authorize) {
      try {
        const named = await authorize(request);
        if (typeof named === "string" && named !== "") audit.caller = named;
      } catch {
        // A hook that throws refuses the call.
      }
    }
    const text = await readBody(request, maxBodyBytes, null);
    if (audit.caller === null) return [UNAUTHENTICATED];
    if (text === undefined) return [TOO_LARGE, maxBodyBytes];
    let call;
    try {
      call = JSON.parse(text);
    } catch {
      return [BAD_REQUEST];
    }
    const { vendor, operation, locale = "en" } = call ?? {};
    if (typeof vendor !== "string" || typeof operation !== "string" || (locale !== "en" && locale !== "zh-CN")) return [BAD_REQUEST];
    if (!raw.proxyListed(allowedLines, `${vendor} ${operation}`)) return [NOT_ALLOWED];
    Object.assign(audit, { vendor, operation });
    admitted.call = call;
    const taskKey = raw.proxyTaskKey(vendor);
    const id = taskKey && call.params?.[taskKey];
    if (typeof id === "string" || typeof id === "number") audit.taskId = String(id);
    // Every bucket of the caller that covers the call gives one, or none does.
    const write = raw.proxyRoute(vendor, operation) === 1;
    const now = Date.now();
    const taken = [];
    let wait = 0;
    for (const [key, limit, window] of limits) {
      if (key === "writes" ? !write : key !== operation) continue;
      const id = `${audit.caller}\n${key}`;
      const [calls, at] = buckets.get(id) ?? [limit, now];
      const left = raw.proxyTake(calls, at, now, limit, window);
      if (left < 0) wait = Math.max(wait, Math.ceil(-left));
      else taken.push([id, left]);
    }
    if (wait > 0) return [RATE_LIMITED, wait];
    for (const [id, left] of taken) {
      buckets.delete(id);
      buckets.set(id, [left, now]);
    }
    while (buckets.size > 10000) buckets.delete(buckets.keys().next().value);
    return undefined;
  };

  return async (request) => {
    const started = Date.now();
    const origin = request.headers.get("origin") ?? "";
    // What onCall gets (never the params: they hold customers' phones), and the call.
    const audit = { caller: null, vendor: null, operation: null, taskId: null };
    const admitted = {};
    // A page of an allowed origin is granted CORS; one of another origin is refused first.
    const cors = origin !== "" && raw.proxyListed(originLines, origin);
    const [row, n] = origin !== "" && !cors ? [ORIGIN] : ((await refusal(request, audit, admitted)) ?? [-1]);
    const headers = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
    if (cors) Object.assign(headers, { "access-control-allow-origin": origin, "access-control-expose-headers": "Retry-After", vary: "Origin" });
    let status, body, outcome;
    if (row >= 0) {
      // One of the core's answers (src/edge-answers.json), with its own field.
      const [s, name, code, message, extra] = ANSWERS[row];
      Object.assign(headers, extra);
      const fields = row === TOO_LARGE ? { maxBytes: n } : row === RATE_LIMITED ? { retryAfterMs: n } : {};
      if (row === RATE_LIMITED) headers["retry-after"] = String(Math.ceil(n / 1000));
      [status, outcome] = [s, name || code];
      body = s === 204 ? null : JSON.stringify({ error: { ...(name && { name }), code, message, ...fields } });
    } else {
      const { vendor, operation } = audit;
      const { call } = admitted;
      try {
        body = `{"data":${await client(vendor, call.locale ?? "en").call(operation, json(call.params), "null")}}`;
        [status, outcome] = [200, "ok"];
      } catch (e) {
        // The core's error with its fields, as JSON, at its kind's status.
        outcome = e?.name;
        status = STATUS[outcome] ?? 500;
        body = JSON.stringify({ error: { ...e, name: outcome, code: e?.code, message: e?.message } });
      }
    }
    if (row !== PREFLIGHT && onCall) {
      try {
        await onCall({ ...audit, outcome, status, durationMs: Date.now() - started });
      } catch {
        // The audit hook's failure is not the caller's.
      }
    }
    return new Response(body, { status, headers });
  };
}

/**
 * The caller that a request's bearer token names among `tokens` (caller → token), compared in
 * constant time by the core, or null: the proxy's default authorization, for a Worker's other
 * routes (the demo's `/imports`).
 */
export function callerOf(tokens, request) {
  const lines = Object.entries(tokens ?? {}).map(([caller, token]) => `${caller}\n${token}`).join("\n");
  return raw.proxyCaller(lines, request?.headers?.get("authorization") ?? "") ?? null;
}
