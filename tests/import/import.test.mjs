// Imports 10 000 customers into each vendor through the built package against the vendor
// simulator with 20 % injected faults of every kind, and checks the report against the
// simulator's ledger: every row accounted for, none imported twice, none lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Client } from "waihu";
import { startSimulator, DEMO_CREDENTIALS } from "../simulator/index.mjs";

let sim;
before(async () => (sim = await startSimulator({ port: 0, seed: 11 })));
after(() => sim.close());

const N = 10_000;
const customers = (n, prefix = "139") => Array.from({ length: n }, (_, i) => ({ name: `客户${i}`, phone: `${prefix}${String(i).padStart(8, "0")}`, properties: { amount: String(i % 97) } }));
const client = (vendor, extra = {}) => new Client({ vendor, credentials: DEMO_CREDENTIALS[vendor], baseUrl: `${sim.url}/${vendor}`, timeoutMs: 5_000, ...extra });

/** Creates a task the simulator's seeded catalogue accepts; returns [taskId, import extras]. */
async function createTask(vendor) {
  const c = client(vendor);
  switch (vendor) {
    case "tanyi": {
      const d = await c.createTask({ concurrencyQuota: 1, jobPhoneNumberIdList: [348], robotCallJob: { name: "import test", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 139, phoneType: "LANDLINE", robotCount: 1 } });
      return [d.robotCallJobId, {}];
    }
    case "byrobot":
      return [await c.createTask({ companyId: 1, taskName: "import test", taskType: 2, userPhoneIds: [1], robotDefId: 1, callType: 0 }), { companyId: 1 }];
    case "itniotech":
      return [await c.createTask({ name: `import test ${Date.now()}`, dialogFlowId: 8663, mode: "MANUAL", dailyStartDateTime: "09:00", dailyEndDateTime: "20:00", robotCount: 1, jobPhoneNumberId: 2959, redial: false }), {}];
    case "zxycall": {
      const { meta } = await c.getCreateOptions({});
      const line = meta.caller_line_list.find((l) => l.residue >= 1);
      const task = await c.createTask({
        caller_line_id: line.value, destination_extension: meta.outbound_group[0].id, disable_dial_timegroup: meta.enum_disable_dial_timegroup[0].uuid,
        maximumcall: 1, name: "import test", random_assignment_number: 0, recycle_limit: 0, _originate_timeout: 60, call_pause_second: 10,
        auto_recycle_rule_id: meta.auto_recycle_rules.find((r) => r.status).id,
      });
      return [task.uuid, {}];
    }
  }
}

/** The ledger's count of applied rows per phone for a task. */
async function applied(vendor, taskId) {
  const ledger = await sim.ledger();
  return ledger[vendor].imports[String(taskId)] ?? {};
}

for (const vendor of ["tanyi", "byrobot", "itniotech", "zxycall"]) {
  test(`${vendor}: 10 000 customers with 20% faults: the report matches the ledger`, { timeout: 240_000 }, async () => {
    const [taskId, extra] = await createTask(vendor);
    const rows = customers(N);
    const progress = [];
    sim.setFaults({ seed: 5, rate: 0.2, kinds: ["latency", "http500", "http502", "http503", "http429", "malformed", "dropBefore", "dropAfter"], latencyMs: 20, retryAfterSeconds: 0, vendors: [vendor], paths: ["import"] });
    let report;
    try {
      report = await client(vendor).importCustomers(taskId, rows, { chunkSize: 100, concurrency: 4, extra, onProgress: (p) => progress.push(p) });
    } finally {
      sim.setFaults({});
    }
    const counts = await applied(vendor, taskId);
    const faults = (await sim.requests()).filter((r) => r.vendor === vendor && r.outcome !== "ok" && r.outcome !== "latency");
    assert.ok(faults.length > 5, `faults were injected (${faults.length})`);

    // Every row in exactly one bucket.
    const seen = new Map();
    const put = (row, bucket) => { assert.ok(!seen.has(row), `row ${row} in ${seen.get(row)} and ${bucket}`); seen.set(row, bucket); };
    report.imported.forEach((r) => put(r, "imported"));
    report.rejected.forEach((r) => put(r.row, "rejected"));
    report.unknown.forEach((r) => put(r.row, "unknown"));
    report.notSent.forEach((r) => put(r, "notSent"));
    assert.equal(seen.size, N);
    assert.equal(report.total, N);
    assert.equal(report.notSent.length, 0);
    assert.ok(report.unknown.length > 0, "dropped connections and broken replies make some rows unknown");

    // The ledger agrees: imported rows exactly once, rejected rows never, unknown at most once,
    // and nothing in the ledger the report does not account for.
    for (const r of report.imported) assert.equal(counts[rows[r].phone], 1, `imported row ${r}`);
    for (const r of report.rejected) assert.equal(counts[rows[r.row].phone] ?? 0, 0, `rejected row ${r.row}`);
    for (const r of report.unknown) assert.ok((counts[rows[r.row].phone] ?? 0) <= 1, `unknown row ${r.row}`);
    const accounted = new Set([...report.imported, ...report.unknown.map((u) => u.row)].map((r) => rows[r].phone));
    for (const [phone, n] of Object.entries(counts)) {
      assert.ok(accounted.has(phone), `ledger phone ${phone} is imported or unknown in the report`);
      assert.equal(n, 1, `phone ${phone} applied once`);
    }

    // Resume advice names exactly the unknown and retryable rows.
    const expected = [...report.unknown.map((u) => u.row), ...report.rejected.filter((r) => r.retryable).map((r) => r.row)].sort((a, b) => a - b);
    assert.deepEqual(report.resume.rows, expected);

    // Progress is monotonic and ends at the total.
    for (let i = 1; i < progress.length; i++) {
      assert.ok(progress[i].done >= progress[i - 1].done && progress[i].failed >= progress[i - 1].failed, "monotonic");
    }
    assert.deepEqual(progress.at(-1), { done: N, total: N, failed: report.rejected.length + report.unknown.length });
  });
}

test("invalid rows are all reported by index before anything is sent, unless skipped", async () => {
  const [taskId] = await createTask("tanyi");
  const rows = customers(250, "137");
  rows[17].phone = "not a phone";
  rows[200] = { name: "no phone" };
  const before = (await sim.requests()).length;
  await assert.rejects(client("tanyi").importCustomers(taskId, rows), (e) => e.name === "ValidationError" && e.issues.map((i) => i.path.join(".")).join() === "17.phoneNumber,200.phoneNumber");
  assert.equal((await sim.requests()).length, before, "nothing sent");
  // Options a form builds may hold undefined members.
  const report = await client("tanyi").importCustomers(taskId, rows, { skipInvalid: true, extra: undefined, chunkSize: undefined });
  assert.equal(report.imported.length, 248);
  assert.deepEqual(report.rejected.map((r) => [r.row, r.code]), [[17, "invalid_phone"], [200, "required"]]);
  assert.equal(report.resume.note, "Nothing to resend.");
  // The report's own texts follow the client's locale, and the import's over it.
  const zh = await client("tanyi", { locale: "zh-CN" }).importCustomers(taskId, rows.slice(0, 20), { skipInvalid: true });
  assert.match(zh.rejected[0].reason, /[\u4e00-\u9fff]/);
  assert.equal(zh.resume.note, "无需重发。");
  const en = await client("tanyi", { locale: "zh-CN" }).importCustomers(taskId, rows.slice(0, 20), { skipInvalid: true, locale: "en" });
  assert.equal(en.resume.note, "Nothing to resend.");
});

test("cancel stops further chunks", async () => {
  const [taskId] = await createTask("itniotech");
  const ac = new AbortController();
  const seenBefore = (await sim.requests()).length;
  sim.setFaults({ rate: 1, kinds: ["latency"], latencyMs: 30, vendors: ["itniotech"] });
  const report = await client("itniotech").importCustomers(taskId, customers(5_000, "136"), {
    concurrency: 2,
    signal: ac.signal,
    onProgress: (p) => { if (p.done >= 400) ac.abort(); },
  });
  sim.setFaults({});
  const sent = (await sim.requests()).length - seenBefore;
  assert.ok(report.notSent.length > 0, "later chunks were not sent");
  assert.ok(sent < 50, `only a few of the 50 chunks went out (${sent})`);
  const counts = await applied("itniotech", taskId);
  for (const r of report.notSent) assert.equal(counts[`136${String(r).padStart(8, "0")}`] ?? 0, 0);
  assert.equal(report.imported.length + report.rejected.length + report.unknown.length + report.notSent.length, 5_000);
});

// Issue 12 item 14: an onProgress that throws no longer loses the report: it comes back with the
// error attached, every chunk already in flight is in it, and no chunk starts after the throw.
test("a throwing onProgress returns the report with its error, and starts no further chunk", async () => {
  const [taskId] = await createTask("tanyi");
  sim.setFaults({ rate: 1, kinds: ["latency"], latencyMs: 20, vendors: ["tanyi"] });
  const boom = new Error("progress bar broke");
  const before = (await sim.requests()).length;
  let calls = 0;
  let report;
  try {
    report = await client("tanyi").importCustomers(taskId, customers(2_000, "135"), { concurrency: 2, onProgress: (p) => { if (++calls === 3) throw boom; } });
  } finally {
    sim.setFaults({});
  }
  const sent = (await sim.requests()).length - before;
  assert.equal(report.progressError, boom);
  assert.equal(calls, 3, "not called after it threw");
  // Two chunks were in flight when it threw (the 2nd outcome): those two land, nothing after.
  assert.ok(sent <= 4, `${sent} chunks sent`);
  const counts = await applied("tanyi", taskId);
  assert.equal(Object.keys(counts).length, report.imported.length, "the report names every row the vendor holds");
  assert.equal(report.imported.length + report.notSent.length + report.rejected.length + report.unknown.length, 2_000);
  assert.ok(report.notSent.length >= 1_500);
});

// Issue 12 items 16 and 20: one phone in four spellings is one customer across the whole list,
// and scalar properties reach the vendor in their string form (what the type allows is sent).
test("duplicates across spellings are dropped and scalar properties are sent as strings", async () => {
  const [taskId] = await createTask("tanyi");
  const rows = customers(300, "134");
  rows[0] = { phone: "13300000002", properties: { amount: 12, vip: true } };
  rows[120] = { phone: "+86 13300000002" };
  rows[220] = { phone: "8613300000002" };
  rows[299] = { phone: "008613300000002" };
  const report = await client("tanyi").importCustomers(taskId, rows);
  assert.deepEqual(report.rejected.map((r) => [r.row, r.code]), [[120, "duplicate_value"], [220, "duplicate_value"], [299, "duplicate_value"]]);
  const counts = await applied("tanyi", taskId);
  assert.equal(counts["13300000002"], 1);
  const sentRow = (await sim.requests()).filter((r) => r.vendor === "tanyi" && /importCustomer/.test(r.path)).flatMap((r) => r.body?.customerPersons ?? []).find((p) => p.phoneNumber === "13300000002");
  assert.ok(sentRow, "the first spelling was sent as written");
  assert.deepEqual(sentRow.properties, { amount: "12", vip: "true" });
});

test("csvCustomers reads RFC 4180 text with the core's reader", async () => {
  const { csvCustomers } = await import("waihu");
  assert.deepEqual(csvCustomers('\uFEFFname,phone,note\r\n"Li, ""B""",139 0000 0001,"a\r\nb"\r\n\r\n,13900000002,\r\n'), [
    { name: 'Li, "B"', phone: "139 0000 0001", properties: { note: "a\r\nb" } },
    { phone: "13900000002" },
  ]);
  assert.throws(() => csvCustomers("a,b\n1,2"), (e) => e instanceof TypeError && e.code === "invalid_argument");
  assert.throws(() => csvCustomers(1), (e) => e instanceof TypeError && e.code === "invalid_argument");
});
