// Benchmark (not a test): 10 k, 100 k and 1 M Tanyi rows through the Cloudflare Queues path in
// miniflare (POST /imports streamed NDJSON → planner → ImportLedger → queue → consumer → the
// vendor simulator), as tests/queue/queue.test.mjs wires it, without faults. Prints rows/s end
// to end, the producer's time, how the time grows, and the producer's peak memory: workerd's
// peak RSS (VmHWM, reset before the upload) above its RSS before it, during the upload (the
// queue is fed only once the list is planned, so the consumers' work is not in it).
//   node bench/queue.mjs [maxRows=1000000]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Client } from "waihu";
import { startSimulator, DEMO_CREDENTIALS } from "../tests/simulator/index.mjs";
import { startWorker } from "../tests/queue/harness.mjs";

const MAX = Number(process.argv[2] ?? 1_000_000);

function ndjson(n) {
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (i >= n) return c.close();
      let s = "";
      for (const end = Math.min(n, i + 2_000); i < end; i++) s += JSON.stringify({ name: `客户${i}`, phone: `139${String(i).padStart(8, "0")}`, properties: { amount: i % 97 } }) + "\n";
      c.enqueue(new TextEncoder().encode(s));
    },
  });
}

const workerdPids = () => execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(process.pid)], { encoding: "utf8" }).split("\n").filter((l) => /workerd/.test(l)).map((l) => Number(l.trim().split(/\s+/)[0]));
const status = (pid, key) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${key}:\\s+(\\d+)`))[1]) / 1024;

const results = [];
for (const n of [10_000, 100_000, 1_000_000].filter((n) => n <= MAX)) {
  const sim = await startSimulator({ port: 0, seed: 1, logBodies: false });
  const persist = mkdtempSync(join(tmpdir(), "waihu-bench-ledger-"));
  const before = new Set(workerdPids());
  const w = await startWorker({
    persist, maxBatchSize: 16,
    bindings: { CREDENTIALS: { tanyi: DEMO_CREDENTIALS.tanyi }, BASE_URLS: { tanyi: `${sim.url}/tanyi` }, TIMEOUT_MS: 10_000, IMPORT_MAX_IN_FLIGHT: 16, IMPORT_REQUEUE_MS: 60_000, IMPORT_LEASE_MS: 120_000 },
  });
  try {
    const pid = workerdPids().find((p) => !before.has(p));
    const tanyi = new Client({ vendor: "tanyi", credentials: DEMO_CREDENTIALS.tanyi, baseUrl: `${sim.url}/tanyi` });
    const { robotCallJobId } = await tanyi.createTask({ concurrencyQuota: 1, jobPhoneNumberIdList: [348], robotCallJob: { name: `bench ${n}`, mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 139, phoneType: "LANDLINE", robotCount: 1 } });
    // Warm the Worker, then measure from a reset peak.
    await fetch(new URL("/imports/x.y", w.url));
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    const base = status(pid, "VmRSS");
    const t0 = performance.now();
    const res = await fetch(new URL(`/imports?vendor=tanyi&taskId=${robotCallJobId}`, w.url), { method: "POST", body: ndjson(n), duplex: "half" });
    const { id, chunks } = await res.json();
    const produced = performance.now() - t0;
    const peak = status(pid, "VmHWM") - base;
    let p;
    do {
      await sleep(200);
      p = await (await fetch(new URL(`/imports/${id}`, w.url))).json();
    } while (p.state !== "done");
    const total = performance.now() - t0;
    if (p.report.imported.length !== n) throw new Error(`imported ${p.report.imported.length} of ${n}`);
    results.push({ n, chunks, produced, total, peak });
    console.log(`${n} rows (${chunks} chunks): producer ${produced.toFixed(0)} ms, end to end ${(total / 1000).toFixed(1)} s = ${Math.round(n / total * 1000)} rows/s; producer peak memory +${peak.toFixed(0)} MB (workerd RSS before: ${base.toFixed(0)} MB)`);
  } finally {
    await w.mf.dispose();
    await sim.close();
    rmSync(persist, { recursive: true, force: true });
  }
}
for (let i = 1; i < results.length; i++) {
  const [a, b] = [results[i - 1], results[i]];
  console.log(`×${b.n / a.n} rows: end-to-end time ×${(b.total / a.total).toFixed(1)}, producer time ×${(b.produced / a.produced).toFixed(1)}, producer peak ×${(b.peak / Math.max(1, a.peak)).toFixed(1)}`);
}
