// Imports on Cloudflare Queues: the producer's routes, for the demo Worker to mount behind its
// authorization. `POST /imports?vendor=…&taskId=…[&format=csv][&options=<JSON>]` streams a
// CSV or NDJSON body through the core's planner (validation, duplicates across the whole list,
// chunks of the vendor's limit) into the account's ImportLedger, then enqueues one message per
// chunk; `GET /imports/:id` answers progress and, at the end, the ImportReport. Memory stays
// bounded: the body is read as it streams, and planned chunks go to the ledger as they fill.
// Bindings: IMPORT_LEDGER (Durable Object ImportLedger), IMPORT_QUEUE (queue producer);
// IMPORT_MAX_BYTES caps a body (default 256 MiB).
import { createImportPlanner, isValidationError } from "waihu";
import { sendAll } from "./ledger.js";

/** Bytes of planned chunk bodies the producer holds before handing them to the ledger. */
const FLUSH_BYTES = 1 << 20;

const reply = (status, body) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const problem = (status, e) => reply(status, { error: { name: e.name, code: e.code, message: e.message, ...(e.issues ? { issues: e.issues } : {}) } });

/**
 * Handles `/imports` routes; null for other paths. `account(request, env, vendor)`: the vendor
 * account the import belongs to (one ledger, and one bound on calls in flight, per account);
 * by default the vendor's name.
 */
export async function handleImports(request, env, { account = (_r, _e, vendor) => vendor } = {}) {
  const url = new URL(request.url);
  if (url.pathname === "/imports" && request.method === "POST") return startImport(request, env, url, account);
  const m = /^\/imports\/([A-Za-z0-9_.:-]{1,200})$/.exec(url.pathname);
  if (m && request.method === "GET") {
    const id = m[1];
    const progress = await ledgerOf(env, id.slice(0, id.lastIndexOf("."))).progress(id, url.searchParams.get("locale") ?? "en");
    return progress ? reply(200, progress) : reply(404, { error: { code: "not_found", message: "no such import" } });
  }
  if (url.pathname === "/imports" || m) return reply(405, { error: { code: "method_not_allowed", message: "POST /imports or GET /imports/:id" } });
  return null;
}

const ledgerOf = (env, acct) => env.IMPORT_LEDGER.getByName(acct);

async function startImport(request, env, url, account) {
  const vendor = url.searchParams.get("vendor");
  const taskId = url.searchParams.get("taskId");
  const format = url.searchParams.get("format") ?? "ndjson";
  let options;
  try {
    options = JSON.parse(url.searchParams.get("options") ?? "{}");
  } catch {
    return reply(400, { error: { code: "invalid_argument", message: "`options` must be JSON" } });
  }
  if (!request.body) return reply(400, { error: { code: "invalid_argument", message: "the list is the request body" } });
  // A task id of digits is a number where JS holds it exactly (longer ones stay digit strings).
  const id_ = /^\d{1,15}$/.test(taskId ?? "") ? Number(taskId) : taskId;
  let planner;
  try {
    planner = createImportPlanner(vendor, id_, { ...options, format });
  } catch (e) {
    return problem(e instanceof TypeError ? 400 : 422, e);
  }
  // The account names the ledger, and starts the import's id (so GET finds the ledger).
  const acct = String(await account(request, env, vendor)).replace(/[^A-Za-z0-9_:-]/g, "_");
  const id = `${acct}.${crypto.randomUUID()}`;
  const ledger = ledgerOf(env, acct);
  await ledger.begin(id, vendor, acct);
  const max = Number(env.IMPORT_MAX_BYTES ?? 256 * 2 ** 20);
  let chunks = [], rejected = [], held = 0, n = 0, bytes = 0, last;
  const take = async (planned) => {
    last = planned;
    for (const c of planned.chunks) {
      chunks.push({ n: n++, first: c.first, end: c.end, rows: c.rows, body: c.body });
      held += c.body.length;
    }
    rejected.push(...planned.rejected);
    if (held >= FLUSH_BYTES || rejected.length >= 10_000) await flush();
  };
  const flush = async () => {
    if (chunks.length || rejected.length) await ledger.add(id, chunks, rejected);
    chunks = [], rejected = [], held = 0;
  };
  try {
    const reader = request.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.length;
      if (bytes > max) {
        await reader.cancel();
        await ledger.fail(id);
        return reply(413, { error: { code: "too_big", message: `the list is over ${max} bytes` } });
      }
      await take(planner.push(value));
    }
    await take(planner.end());
    await flush();
  } catch (e) {
    await ledger.fail(id);
    return isValidationError(e) ? problem(422, e) : problem(500, e);
  } finally {
    planner.free();
  }
  const count = await ledger.commit(id, last.total);
  await sendAll(env.IMPORT_QUEUE, Array.from({ length: count }, (_, i) => ({ body: { importId: id, n: i, vendor, account: acct } })));
  return reply(202, { id, total: last.total, chunks: count, rejected: last.rejectedCount });
}
