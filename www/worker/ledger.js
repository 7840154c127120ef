// ImportLedger: the Durable Object (SQLite storage) that keeps a vendor account's imports on
// Cloudflare Queues: each import's chunks with their bodies and status, the rows refused
// before sending, and what happened to each chunk. Every status change is one conditional
// UPDATE on the statuses the core allows (LEDGER_RULES, from src/import/queue.rs): with no
// await between read and write, the Durable Object's input gate makes it atomic, so one
// consumer wins a claim however often the queue delivers. Queue messages are lost on a
// restart: an alarm re-sends the messages of chunks queued too long, and turns chunks claimed
// longer than the lease (their sender stopped mid-call) into "unknown" (never sent again).
import { DurableObject } from "cloudflare:workers";
import { LEDGER_RULES as R, importReport } from "waihu";

const among = (statuses) => statuses.map((s) => `'${s}'`).join(",");
const FINAL = among(R.final);
const SENDING = R.claim.to;

export class ImportLedger extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    // Claimed longer than this and not recorded: the sender stopped. Above the client's whole
    // call (timeoutMs × attempts).
    this.leaseMs = Number(env.IMPORT_LEASE_MS ?? 120_000);
    // Queued longer than this: its message may be lost; the alarm sends another.
    this.requeueMs = Number(env.IMPORT_REQUEUE_MS ?? 30_000);
    // Calls in flight at once for this account (the vendor's concurrency allowance).
    this.maxInFlight = Number(env.IMPORT_MAX_IN_FLIGHT ?? 8);
    ctx.blockConcurrencyWhile(async () => {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS imports (id TEXT PRIMARY KEY, vendor TEXT NOT NULL, account TEXT NOT NULL, state TEXT NOT NULL, total INTEGER, chunks INTEGER, created INTEGER)`);
      // The bodies apart: a status change then rewrites a small row, not a chunk's kilobytes.
      this.sql.exec(`CREATE TABLE IF NOT EXISTS chunks (import TEXT NOT NULL, n INTEGER NOT NULL, first INTEGER NOT NULL, "end" INTEGER NOT NULL, rows INTEGER NOT NULL, status TEXT NOT NULL, outcome TEXT, at INTEGER NOT NULL, PRIMARY KEY (import, n))`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS bodies (import TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (import, n))`);
      this.sql.exec(`CREATE INDEX IF NOT EXISTS chunks_status ON chunks (status, at)`);
      this.sql.exec(`CREATE TABLE IF NOT EXISTS rejections (import TEXT NOT NULL, row INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (import, row))`);
    });
  }

  /** Starts recording an import being planned. */
  begin(id, vendor, account) {
    this.sql.exec(`INSERT INTO imports (id, vendor, account, state, created) VALUES (?, ?, ?, 'planning', ?)`, id, vendor, account, Date.now());
  }

  /** Records planned chunks (`{n, first, end, rows, body}`) and rows refused before sending. */
  add(id, chunks, rejected) {
    const now = Date.now();
    for (const c of chunks) {
      this.sql.exec(`INSERT INTO chunks (import, n, first, "end", rows, status, at) VALUES (?, ?, ?, ?, ?, '${R.commit.from[0]}', ?)`, id, c.n, c.first, c.end, c.rows, now);
      this.sql.exec(`INSERT INTO bodies (import, n, body) VALUES (?, ?, ?)`, id, c.n, c.body);
    }
    for (const r of rejected) this.sql.exec(`INSERT INTO rejections (import, row, json) VALUES (?, ?, ?)`, id, r.row, JSON.stringify(r));
  }

  /** The whole list is planned and valid: its chunks may be sent. Returns the chunk count. */
  async commit(id, total) {
    const now = Date.now();
    this.sql.exec(`UPDATE chunks SET status = '${R.commit.to}', at = ? WHERE import = ? AND status IN (${among(R.commit.from)})`, now, id);
    const chunks = this.sql.exec(`SELECT count(*) AS n FROM chunks WHERE import = ?`, id).one().n;
    this.sql.exec(`UPDATE imports SET state = 'sending', total = ?, chunks = ? WHERE id = ?`, total, chunks, id);
    await this.#arm();
    return chunks;
  }

  /** The list failed validation: nothing of it is sent. */
  fail(id) {
    this.sql.exec(`DELETE FROM chunks WHERE import = ?`, id);
    this.sql.exec(`DELETE FROM bodies WHERE import = ?`, id);
    this.sql.exec(`DELETE FROM rejections WHERE import = ?`, id);
    this.sql.exec(`UPDATE imports SET state = 'failed' WHERE id = ?`, id);
  }

  /** The chunk's body for the one consumer that moves it from queued to sending; else null. */
  claim(id, n) {
    const won = this.sql.exec(
      `UPDATE chunks SET status = '${SENDING}', at = ? WHERE import = ? AND n = ? AND status IN (${among(R.claim.from)})
         AND (SELECT count(*) FROM chunks WHERE status = '${SENDING}') < ? RETURNING n`,
      Date.now(), id, n, this.maxInFlight).toArray().length;
    // (Not `rowsWritten`: it counts the index's writes too.)
    return won === 1 ? this.sql.exec(`SELECT body FROM bodies WHERE import = ? AND n = ?`, id, n).one().body : null;
  }

  /** Records a claimed chunk's outcome (JSON text; its `status` is the core's decision). */
  record(id, n, outcome) {
    const { status } = JSON.parse(outcome);
    this.sql.exec(`UPDATE chunks SET status = ?, outcome = ?, at = ? WHERE import = ? AND n = ? AND status IN (${among(R.record.from)})`, status, outcome, Date.now(), id, n);
    // A chunk with its final outcome is never sent again.
    if (R.final.includes(status)) this.sql.exec(`DELETE FROM bodies WHERE import = ? AND n = ? AND EXISTS (SELECT 1 FROM chunks WHERE import = ? AND n = ? AND status = ?)`, id, n, id, n, status);
  }

  /** The queue gave up on the chunk's message: rejected, keeping its last refusal. */
  deadLetter(id, n) {
    this.sql.exec(`UPDATE chunks SET status = '${R.deadLetter.to}', outcome = coalesce(outcome, ?), at = ? WHERE import = ? AND n = ? AND status IN (${among(R.deadLetter.from)})`, JSON.stringify(R.deadLettered), Date.now(), id, n);
  }

  /** Progress: rows and chunks by status; with `report` (the ImportReport) once all are final. */
  async progress(id, locale = "en") {
    const imp = this.sql.exec(`SELECT * FROM imports WHERE id = ?`, id).toArray()[0];
    if (!imp) return null;
    const byStatus = {};
    let rows = 0, finalRows = 0;
    for (const r of this.sql.exec(`SELECT status, count(*) AS chunks, sum(rows) AS rows FROM chunks WHERE import = ? GROUP BY status`, id)) {
      byStatus[r.status] = r.chunks;
      rows += r.rows;
      if (R.final.includes(r.status)) finalRows += r.rows;
    }
    const rejectedRows = this.sql.exec(`SELECT count(*) AS n FROM rejections WHERE import = ?`, id).one().n;
    const done = imp.state === "sending" && Object.keys(byStatus).every((s) => R.final.includes(s));
    const out = { id, state: done ? "done" : imp.state, total: imp.total, chunks: imp.chunks, byStatus, rows: { planned: rows + rejectedRows, final: finalRows + rejectedRows } };
    if (done) out.report = this.report(id, imp, locale);
    else if (imp.state === "sending") await this.#tend();
    return out;
  }

  /** The ImportReport of the import (the same fold as client.importCustomers), its own texts in
   *  `locale` (the reader's). */
  report(id, imp = this.sql.exec(`SELECT * FROM imports WHERE id = ?`, id).one(), locale = "en") {
    const rejected = this.sql.exec(`SELECT json FROM rejections WHERE import = ? ORDER BY row`, id).toArray().map((r) => r.json);
    const chunks = [];
    for (const c of this.sql.exec(`SELECT first, "end", status, outcome FROM chunks WHERE import = ? ORDER BY n`, id)) {
      chunks.push(`[${c.first},${c.end},${R.final.includes(c.status) && c.outcome ? c.outcome : "null"}]`);
    }
    return importReport(imp.vendor, `{"locale":${JSON.stringify(locale)},"total":${imp.total},"rejected":[${rejected.join(",")}],"chunks":[${chunks.join(",")}]}`);
  }

  async alarm() {
    await this.#tend();
  }

  /** An alarm while anything is left to do; run its work now when it is overdue (a restart). */
  async #arm() {
    const at = await this.ctx.storage.getAlarm();
    if (at === null) await this.ctx.storage.setAlarm(Date.now() + this.requeueMs);
  }

  /** Expires stale claims, re-sends the messages of chunks queued too long, re-arms. */
  async #tend() {
    const now = Date.now();
    this.sql.exec(`UPDATE chunks SET status = '${R.expire.to}', outcome = ?, at = ? WHERE status IN (${among(R.expire.from)}) AND at < ?`, JSON.stringify(R.expired), now, now - this.leaseMs);
    const stale = this.sql.exec(
      `UPDATE chunks SET at = ? WHERE rowid IN (SELECT rowid FROM chunks WHERE status IN (${among(R.requeue.from)}) AND at < ? LIMIT 5000) RETURNING import, n`,
      now, now - this.requeueMs).toArray();
    const left = this.sql.exec(`SELECT count(*) AS n FROM chunks WHERE status NOT IN (${FINAL}) AND status <> '${R.commit.from[0]}'`).one().n;
    await this.ctx.storage.deleteAlarm();
    if (left > 0) await this.ctx.storage.setAlarm(now + this.requeueMs);
    if (stale.length) {
      const accounts = new Map(this.sql.exec(`SELECT id, vendor, account FROM imports WHERE state = 'sending'`).toArray().map((i) => [i.id, i]));
      const messages = stale.map((c) => ({ body: { importId: c.import, n: c.n, vendor: accounts.get(c.import)?.vendor, account: accounts.get(c.import)?.account } }));
      await sendAll(this.env.IMPORT_QUEUE, messages);
    }
  }
}

/**
 * Sends `messages` (`{ body }`) in batches within Cloudflare's limits: at most 100 messages
 * and 256 KB a `sendBatch` (counted as JSON text plus room for each message's overhead).
 */
export async function sendAll(queue, messages) {
  let batch = [], bytes = 0;
  for (const m of messages) {
    const size = JSON.stringify(m.body).length + 100;
    if (batch.length && (batch.length >= R.batch.messages || bytes + size > R.batch.bytes)) {
      await queue.sendBatch(batch);
      batch = [], bytes = 0;
    }
    batch.push(m);
    bytes += size;
  }
  if (batch.length) await queue.sendBatch(batch);
}
