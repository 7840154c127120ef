// The public API over the wasm exports: the same functions, a Client with one method per
// operation, and type guards for the errors. Types: index.d.ts.
import * as raw from "./waihu.js";

// Params, options and results cross the wasm boundary as JSON text: V8's JSON with serde_json
// is far faster than converting objects field by field (bench/boundary.mjs), and the .wasm
// needs no code for JS objects. `undefined` crosses as `null`.
function json(value, what = "params are") {
  try {
    const text = JSON.stringify(value ?? null);
    // A function or symbol has no JSON text.
    if (text === undefined) throw new TypeError(`a ${typeof value} is not JSON`);
    return text;
  } catch (e) {
    throw Object.assign(new TypeError(`${what} not JSON data: ${e.message}`), { code: "invalid_argument" });
  }
}
const opts = (value) => json(value, "options are");

export const validate = (vendor, operation, params, options) => {
  const issues = raw.validate(vendor, operation, json(params), opts(options));
  return issues === undefined ? [] : JSON.parse(issues);
};
export const buildRequest = (vendor, operation, params, options) => JSON.parse(raw.buildRequest(vendor, operation, json(params), opts(options)));
export const parseResponse = (vendor, operation, status, body, locale) => JSON.parse(raw.parseResponse(vendor, operation, status, body, opts(locale)));
export const operations = raw.operations;

export const VENDORS = Object.freeze(["tanyi", "byrobot", "itniotech", "zxycall"]);

export class Client {
  #raw;
  constructor(config) {
    this.#raw = new raw.Client(json(config, "the client config is"));
    // One method per operation the vendor supports: client.createTask(params), …
    // (importCustomers is the whole-import method below; one raw call is call("importCustomers", …).)
    for (const op of raw.operations(config.vendor)) {
      if (op === "importCustomers") continue;
      Object.defineProperty(this, op, { value: (params, options) => this.call(op, params, options), enumerable: false });
    }
  }
  get vendor() {
    return this.#raw.vendor;
  }
  call(operation, params, options) {
    return this.#send(operation, json(params), options);
  }

  async #send(operation, paramsJson, options) {
    return JSON.parse(await this.#raw.call(operation, paramsJson, options));
  }

  /**
   * Imports any number of customers: the core validates every row and cuts chunks of the
   * vendor's limit; this sends them, `concurrency` at a time, and the core folds the outcomes
   * into a report that accounts for every row. A chunk whose outcome is unknown is never
   * re-sent (the report says which rows to resend and whether that is safe).
   */
  async importCustomers(taskId, customers, options = {}) {
    const { concurrency = 4, onProgress, signal, ...planOptions } = options;
    const plan = raw.planImport(this.vendor, json(taskId), json(customers), opts(planOptions));
    try {
      const outcomes = new Array(plan.chunkCount);
      const total = plan.total;
      let done = plan.rejectedCount, failed = plan.rejectedCount, next = 0;
      const progress = () => onProgress?.({ done, total, failed });
      progress();
      const worker = async () => {
        while (next < plan.chunkCount && !signal?.aborted) {
          const i = next++;
          outcomes[i] = await this.#raw.sendChunk(plan, i, { signal }).then((data) => ({ kind: "applied", data: JSON.parse(data) }), outcomeOf);
          done += plan.chunkRows(i);
          if (outcomes[i].kind !== "applied") failed += plan.chunkRows(i);
          progress();
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, plan.chunkCount)) }, worker));
      const report = JSON.parse(plan.finish(JSON.stringify(Array.from(outcomes, (o) => o ?? { kind: "notSent" }))));
      // The fold knows rows the vendor named or counted as failed inside accepted chunks.
      ({ done, failed } = { done: total - report.notSent.length, failed: report.rejected.length + report.unknown.length });
      progress();
      return report;
    } finally {
      plan.free();
    }
  }
}

/** What a failed chunk call means for its rows. */
function outcomeOf(e) {
  if (e?.name === "VendorError" || e?.name === "ValidationError") {
    return { kind: "rejected", code: e.code, message: e.vendorMessage || e.message, retryable: e.retryable === true };
  }
  // 429 and 503 mean the vendor refused the call: nothing was applied.
  if (e?.name === "ResponseError" && (e.status === 429 || e.status === 503)) {
    return { kind: "rejected", code: `http_${e.status}`, message: e.message, retryable: true };
  }
  return { kind: "unknown", reason: `${e?.name ?? "Error"}: ${e?.message ?? e}` };
}

const is = (name) => (e) => e instanceof Error && e.name === name;
export const isValidationError = is("ValidationError");
export const isVendorError = is("VendorError");
export const isResponseError = is("ResponseError");
export const isNetworkError = is("NetworkError");
export const isTimeoutError = is("TimeoutError");
export const isAbortError = is("AbortError");
export const isUnsupportedOperationError = is("UnsupportedOperationError");
