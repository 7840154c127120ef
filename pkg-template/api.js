// The public API over the wasm exports: the same functions, a Client with one method per
// operation, and the error classes (errors.js, generated.js). Types: index.d.ts.
import * as raw from "./waihu.js";
import { WaihuError } from "./errors.js";
import { ERRORS } from "./generated.js";

export * from "./errors.js";
export * from "./generated.js";
export * from "./webhook.js";

// Params, options and results cross the wasm boundary as JSON text: V8's JSON with the core's
// parser is far faster than converting objects field by field (bench/RESULTS.md), and the .wasm
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

/** The core's error (a plain `Error` named for its kind) as an instance of its class. */
function typed(e) {
  const C = e instanceof Error && !(e instanceof WaihuError) ? ERRORS[e.name] : undefined;
  if (!C) return e;
  const t = new C(e.message, e);
  t.stack = e.stack;
  return t;
}
const rethrow = (e) => {
  throw typed(e);
};
/** Calls `f`, throwing the core's errors as instances of their classes. */
function sync(f) {
  try {
    return f();
  } catch (e) {
    throw typed(e);
  }
}

/** `{ signal, fetch, onProgress }` apart from the rest, which crosses as JSON text. */
function split(options) {
  const { signal, onProgress, ...rest } = options ?? {};
  return { signal, onProgress, rest: opts(rest) };
}

export const validate = (vendor, operation, params, options) => {
  const issues = sync(() => raw.validate(vendor, operation, json(params), opts(options)));
  return issues === undefined ? [] : JSON.parse(issues);
};
export const buildRequest = (vendor, operation, params, options) => JSON.parse(sync(() => raw.buildRequest(vendor, operation, json(params), opts(options))));
export const parseResponse = (vendor, operation, status, body, locale) => JSON.parse(sync(() => raw.parseResponse(vendor, operation, status, body, opts(locale))));
export const operations = (vendor) => sync(() => raw.operations(vendor));

export class Client {
  #raw;
  constructor(config) {
    const { fetch, ...rest } = config ?? {};
    this.#raw = sync(() => new raw.Client(json(rest, "the client config is"), fetch));
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
    return JSON.parse(await this.#raw.call(operation, json(params), rest, signal).catch(rethrow));
  }

  /**
   * Imports any number of customers: the core validates every row and cuts chunks of the
   * vendor's limit; this sends them, `concurrency` at a time, and the core sorts each chunk's
   * result and folds the outcomes into a report that accounts for every row. A chunk whose
   * outcome is unknown is never re-sent (the report says which rows to resend and whether that
   * is safe). The report always comes back: if `onProgress` throws, no further chunk starts and
   * the report carries the error as `progressError`.
   */
  async importCustomers(taskId, customers, options) {
    const { signal, onProgress, rest } = split(options);
    if (onProgress !== undefined && typeof onProgress !== "function") {
      throw Object.assign(new TypeError("invalid import options: `onProgress` must be a function"), { code: "invalid_argument" });
    }
    const plan = sync(() => raw.planImport(this.vendor, json(taskId), json(customers), rest));
    try {
      const total = plan.total;
      let done = plan.rejectedCount, failed = plan.rejectedCount, next = 0, progressError;
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
        while (next < plan.chunkCount && progressError === undefined && !signal?.aborted) {
          const i = next++;
          const kind = await this.#raw.sendChunk(plan, i, rest, signal).catch(rethrow);
          if (kind !== "notSent") done += plan.chunkRows(i);
          if (kind === "rejected" || kind === "unknown") failed += plan.chunkRows(i);
          progress();
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(plan.concurrency, plan.chunkCount)) }, worker));
      const report = JSON.parse(plan.finish());
      // The fold knows rows the vendor named or counted as failed inside accepted chunks.
      ({ done, failed } = { done: total - report.notSent.length, failed: report.rejected.length + report.unknown.length });
      progress();
      if (progressError !== undefined) report.progressError = progressError;
      return report;
    } finally {
      plan.free();
    }
  }
}
