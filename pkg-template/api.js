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
    return JSON.parse(await this.#raw.call(operation, json(params), rest, signal, false).catch(rethrow));
  }

  /**
   * Sends one chunk an import planner cut (`body`: its JSON text; its rows were validated when
   * planned) and resolves to its outcome, `{ kind, status, … }`: never rejects for the chunk's
   * own failure. What a queue's consumer sends.
   */
  async importChunk(body, options) {
    if (typeof body !== "string") throw Object.assign(new TypeError("the chunk body must be a string"), { code: "invalid_argument" });
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
    const { signal, onProgress, rest } = split(options);
    if (onProgress !== undefined && typeof onProgress !== "function") {
      throw Object.assign(new TypeError("invalid import options: `onProgress` must be a function"), { code: "invalid_argument" });
    }
    if (!Array.isArray(customers)) throw Object.assign(new TypeError("the customers must be an array"), { code: "invalid_argument" });
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
    const state = `{"total":${total},"rejected":[${rejected.join(",")}],"chunks":[${chunks.map(([first, end], i) => `[${first},${end},${outcomes[i] ?? "null"}]`).join(",")}]}`;
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
  if (typeof text !== "string") throw Object.assign(new TypeError("the CSV must be a string"), { code: "invalid_argument" });
  const customers = raw.csvCustomers(text);
  if (!customers) throw Object.assign(new TypeError("the CSV header names no phone column (phone, mobile, tel, 手机, 电话, …)"), { code: "invalid_argument" });
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
  if (format !== "ndjson" && format !== "csv") throw Object.assign(new TypeError('`format` must be "ndjson" or "csv"'), { code: "invalid_argument" });
  const planner = sync(() => new raw.ImportPlanner(vendor, json(taskId), opts(rest), format === "csv"));
  const take = (text) => {
    const lines = text.split("\n");
    const planned = JSON.parse(lines[0]);
    planned.chunks.forEach((c, i) => (c.body = lines[i + 1]));
    return planned;
  };
  return {
    push(text) {
      if (typeof text !== "string") throw Object.assign(new TypeError("the text must be a string"), { code: "invalid_argument" });
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
  const report = sync(() => raw.importReport(vendor, typeof state === "string" ? state : json(state, "the import state is")));
  if (!report) throw Object.assign(new TypeError("the import state must be { total, rejected, chunks: [first, end, outcome | null][] }"), { code: "invalid_argument" });
  return JSON.parse(report);
}

export { createImportConsumer, LEDGER_RULES } from "./queue.js";
