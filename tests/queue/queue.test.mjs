// Issue 16's Done-when: 100 000 Tanyi rows (1 000 chunks) streamed to POST /imports, through the
// queue into the vendor simulator with 10 % injected faults (503, connections dropped before
// and after the vendor applied, timeouts), the Workers restarted mid-import with the ledger
// persisted (the queue's messages are lost: the ledger re-sends them), redeliveries. The final
// report matches the simulator's ledger row for row: applied exactly once, rejected never,
// unknown at most once, nothing unaccounted for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "waihu";
import { startSimulator, DEMO_CREDENTIALS } from "../simulator/index.mjs";
import { startWorker } from "./harness.mjs";

const N = 100_000;
const phone = (i) => `139${String(i).padStart(8, "0")}`;

/** The list as a streamed NDJSON body, made lazily in pieces. */
function ndjson(n, extra = []) {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= n) {
        if (extra.length) c.enqueue(new TextEncoder().encode(extra.map((r) => JSON.stringify(r) + "\n").join("")));
        return c.close();
      }
      let s = "";
      for (const end = Math.min(n, i + 2_000); i < end; i++) s += JSON.stringify({ name: `客户${i}`, phone: phone(i), properties: { amount: i % 97 } }) + "\n";
      c.enqueue(new TextEncoder().encode(s));
    },
  });
}

const post = (url, path, body) => fetch(new URL(path, url), { method: "POST", body, duplex: "half", headers: { "content-type": "application/x-ndjson" } });
const progress = async (url, id) => (await fetch(new URL(`/imports/${id}`, url))).json();

async function until(f, ms, what) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

test("100 000 rows through Cloudflare Queues with faults and a restart: the report matches the simulator's ledger", { timeout: 240_000 }, async (t) => {
  const sim = await startSimulator({ port: 0, seed: 16, logBodies: false });
  const persist = mkdtempSync(join(tmpdir(), "waihu-ledger-"));
  const bindings = {
    CREDENTIALS: { tanyi: DEMO_CREDENTIALS.tanyi },
    BASE_URLS: { tanyi: `${sim.url}/tanyi` },
    TIMEOUT_MS: 1_000,
    IMPORT_LEASE_MS: 5_000,
    IMPORT_REQUEUE_MS: 1_500,
    IMPORT_MAX_IN_FLIGHT: 8,
  };
  let w;
  try {
    const tanyi = new Client({ vendor: "tanyi", credentials: DEMO_CREDENTIALS.tanyi, baseUrl: `${sim.url}/tanyi` });
    const { robotCallJobId: taskId } = await tanyi.createTask({ concurrencyQuota: 1, jobPhoneNumberIdList: [348], robotCallJob: { name: "queue import", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 139, phoneType: "LANDLINE", robotCount: 1 } });
    sim.setFaults({ seed: 3, rate: 0.1, kinds: ["http503", "dropBefore", "dropAfter", "latency"], latencyMs: 1_500, retryAfterSeconds: 0, vendors: ["tanyi"], paths: ["importCustomer"] });

    w = await startWorker({ bindings, persist });
    // Two rows the planner refuses: a duplicate in another spelling, and a bad phone.
    const res = await post(w.url, `/imports?vendor=tanyi&taskId=${taskId}&options=${encodeURIComponent('{"skipInvalid":true}')}`, ndjson(N, [{ phone: `+86 ${phone(5)}` }, { phone: "nope" }]));
    const started = await res.json();
    assert.equal(res.status, 202, JSON.stringify(started));
    assert.deepEqual([started.total, started.chunks, started.rejected], [N + 2, 1_000, 2]);

    // Restart the Workers once a good part is final: the queue's messages are lost, the
    // ledger's state is not.
    await until(async () => (await progress(w.url, started.id)).rows.final > N * 0.3, 120_000, "30 % of the rows");
    const before = await progress(w.url, started.id);
    await w.mf.dispose();
    w = await startWorker({ bindings, persist });

    const done = await until(async () => { const p = await progress(w.url, started.id); return p.state === "done" && p; }, 150_000, "the import to finish");
    const report = done.report;
    sim.setFaults({});
    const sends = sim.requests().filter((r) => r.vendor === "tanyi" && /importCustomer/.test(r.path)).length;
    t.diagnostic(`restart at ${JSON.stringify(before.byStatus)}; ${sends} import calls for 1000 chunks; imported ${report.imported.length}, unknown ${report.unknown.length}, rejected ${report.rejected.length}`);

    const faults = sim.requests().filter((r) => r.vendor === "tanyi" && r.outcome !== "ok");
    for (const kind of ["http503", "dropBefore", "dropAfter", "latency"]) assert.ok(faults.some((f) => f.outcome === kind), `${kind} injected`);

    // Every row in exactly one bucket.
    const seen = new Map();
    const put = (row, bucket) => { assert.ok(!seen.has(row), `row ${row} in ${seen.get(row)} and ${bucket}`); seen.set(row, bucket); };
    report.imported.forEach((r) => put(r, "imported"));
    report.rejected.forEach((r) => put(r.row, "rejected"));
    report.unknown.forEach((r) => put(r.row, "unknown"));
    report.notSent.forEach((r) => put(r, "notSent"));
    assert.equal(report.total, N + 2);
    assert.equal(seen.size, N + 2, "nothing unaccounted for");
    assert.deepEqual(report.notSent, []);
    assert.deepEqual(report.rejected.filter((r) => r.row >= N).map((r) => [r.row, r.code]), [[N, "duplicate_value"], [N + 1, "invalid_phone"]]);

    // The simulator's ledger agrees row for row.
    const counts = sim.ledger().tanyi.imports[String(taskId)] ?? {};
    const phoneOf = (r) => (r < N ? phone(r) : null);
    for (const r of report.imported) assert.equal(counts[phoneOf(r)], 1, `imported row ${r} applied exactly once`);
    for (const r of report.rejected) if (r.row < N) assert.equal(counts[phoneOf(r.row)] ?? 0, 0, `rejected row ${r.row} never applied`);
    for (const r of report.unknown) assert.ok((counts[phoneOf(r.row)] ?? 0) <= 1, `unknown row ${r.row} at most once`);
    const accounted = new Set([...report.imported, ...report.unknown.map((u) => u.row)].map(phoneOf));
    for (const [p, n] of Object.entries(counts)) {
      assert.ok(accounted.has(p), `the ledger's ${p} is imported or unknown in the report`);
      assert.equal(n, 1, `${p} applied once`);
    }
    assert.ok(report.unknown.length > 0, "timeouts, drops after applying and the restart leave unknown rows");
    assert.ok(report.imported.length > N * 0.8, `most rows imported (${report.imported.length})`);
    const expected = [...report.unknown.map((u) => u.row), ...report.rejected.filter((r) => r.retryable).map((r) => r.row)].sort((a, b) => a - b);
    assert.deepEqual(report.resume.rows, expected);
  } finally {
    await w?.mf.dispose();
    await sim.close();
    rmSync(persist, { recursive: true, force: true });
  }
});
