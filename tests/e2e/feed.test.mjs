// The admin page's live feed of completed calls, end to end through the demo command (bash
// www/demo.sh): the simulator dials a Tanyi and a BYRobot task and pushes their callbacks to the
// demo Worker (www/worker/, wrangler dev), whose webhook handler keeps the calls for the page;
// the page shows each with its unified outcome, intent and duration, and its transcript on
// click, in English and Chinese. Screenshots go to test-output/e2e/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { vendorClient } from "../simulator/support/client.mjs";

import { HOST, START_TIMEOUT_MS, demoFor, launch, outDir } from "./demo.mjs";

test("admin page: the live feed of completed calls (Tanyi and BYRobot callbacks through the demo Worker)", { timeout: START_TIMEOUT_MS + 120_000 }, async (t) => {
  mkdirSync(outDir, { recursive: true });
  const demo = await demoFor(t);
  const simPort = demo.ports.sim;
  let browser;
  t.after(() => browser?.close());
  const url = await demo.url;
  browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(30_000);
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  try {
    await page.goto(url);
    await page.waitForSelector("body[data-ready]");
    await page.locator("#feed", { hasText: "No calls yet" }).waitFor();

    // Two tasks in the simulator, dialled one call a second, their callbacks pushed to the Worker.
    const sim = { url: `http://${HOST}:${simPort}` };
    const clock = { get now() { return Date.now(); } };
    const tanyi = vendorClient(sim, clock, "tanyi");
    const job = (await tanyi.post("/apiOpen/v1/job/create", {
      concurrencyQuota: 1, jobPhoneNumberIdList: [348],
      robotCallJob: { name: "feed e2e", mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 139, phoneType: "LANDLINE", robotCount: 1 },
    })).json.data.robotCallJobId;
    const phones = ["13900000001", "13900000002", "13900000003", "13900000004"];
    assert.equal((await tanyi.post("/apiOpen/v1/job/importCustomer", { robotCallJobId: job, customerPersons: phones.map((p, i) => ({ name: `客户${i}`, phoneNumber: p })) })).json.code, 200);
    assert.equal((await tanyi.post("/apiOpen/v1/job/start", { robotCallJobId: job })).json.code, 200);
    const byrobot = vendorClient(sim, clock, "byrobot");
    const task = (await byrobot.post("/openapi/v1/task/createTask", { companyId: 1, taskName: "feed e2e", taskType: 2, userPhoneIds: [1], robotDefId: 1, callType: 0 })).json.data;
    assert.equal((await byrobot.post("/openapi/v2/task/importTaskCustomer", { companyId: 1, taskId: task, customerInfoList: [{ name: "王", phone: "13700000001" }, { name: "李", phone: "13700000002" }] })).json.code, 200);
    assert.equal((await byrobot.post("/openapi/v1/task/start", { taskId: task })).json.code, 200);

    // Every call appears once, newest first, with a unified outcome.
    await page.waitForFunction((n) => document.querySelectorAll("#feed-body tr.feed-row").length >= n, 6, { timeout: 45_000 });
    const rows = await page.locator("#feed-body tr.feed-row").evaluateAll((trs) => trs.map((tr) => ({ id: tr.dataset.id, cells: [...tr.cells].map((c) => c.textContent) })));
    assert.equal(rows.length, 6, JSON.stringify(rows));
    assert.equal(new Set(rows.map((r) => r.id)).size, 6, "each call once");
    assert.deepEqual(rows.map((r) => r.cells[1]).sort(), ["byrobot", "byrobot", "tanyi", "tanyi", "tanyi", "tanyi"]);
    assert.deepEqual(rows.map((r) => r.cells[3]).sort(), [...phones, "13700000001", "13700000002"].sort());
    const OUTCOMES = ["answered", "noAnswer", "busy", "rejected", "unreachable", "poweredOff", "outOfService", "vacant", "callerLineError", "blocked", "dropped", "failed", "unknown"];
    for (const r of rows) assert.ok(OUTCOMES.includes(r.cells[4]), r.cells[4]);
    await page.screenshot({ path: join(outDir, "feed-1-calls.png"), fullPage: true });

    // The transcript of an answered call on click (and again to close it).
    const answered = page.locator("#feed-body tr.feed-row", { has: page.locator("td.outcome.answered") }).first();
    if (await answered.count()) {
      assert.match(await answered.locator("td.duration").innerText(), /^\d+ s$/);
      await answered.click();
      const detail = page.locator("#feed-body tr.feed-detail");
      await detail.waitFor();
      assert.match(await detail.innerText(), /AI: /);
      await page.screenshot({ path: join(outDir, "feed-2-transcript.png"), fullPage: true });
      await page.locator("#feed-body tr.feed-row[aria-expanded=true]").click();
      await detail.waitFor({ state: "detached" });
    }

    // In Chinese.
    await page.click("#lang-toggle");
    await page.locator("#feed-h", { hasText: "实时通话" }).waitFor();
    assert.match(await page.locator("#feed-head").innerText(), /结果/);
  } catch (e) {
    await page.screenshot({ path: join(outDir, "feed-failure.png"), fullPage: true }).catch(() => {});
    throw new Error(`${e.message}\n--- demo log ---\n${demo.log()}`);
  }
  assert.deepEqual(errors, []);
});
