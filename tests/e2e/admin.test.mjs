// The www/ admin page end to end, started exactly as the demo command starts it (bash
// www/demo.sh, on free ports: the simulator, the demo Worker in local workerd through
// `wrangler dev`, the page server), in headless Chromium; the page talks only to the Worker
// (waihu's edge proxy), which holds the vendors' secrets. Field errors in English and Chinese
// on the unified form (tests/e2e/unified.test.mjs switches it through the vendors), the live preview of the call to the proxy, creating a Tanyi task, importing 250 customers (2
// bad) with progress and report, uploading a list of 3 000 (invalid rows and duplicates among
// them) to the Worker's queued imports (POST /imports) and following its ledger to the report,
// starting the task, a vendor error shown with its code, then a
// task created and listed for each other vendor; the Worker's refusals (no token, another
// origin) never reach the simulator; and no request the page made, no response it got and no
// line the Worker logged holds a vendor secret. Screenshots of each step go to
// test-output/e2e/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEMO_CREDENTIALS } from "../simulator/index.mjs";

import { HOST, START_TIMEOUT_MS, STEP_MS, demoFor, launch, outDir } from "./demo.mjs";

// Every vendor secret the Worker holds (the simulator's demo credentials).
const SECRETS = [...new Set(Object.values(DEMO_CREDENTIALS).flatMap((c) => Object.values(c)))];
const TOKEN = "waihu-demo-user-token";

/** 250 customers; rows 57 and 180 (0-based) have bad phones. */
function csv250() {
  const lines = ["name,phone,amount"];
  for (let i = 0; i < 250; i++) {
    const phone = i === 57 ? "12" : i === 180 ? "not-a-phone" : `1380000${String(i).padStart(4, "0")}`;
    lines.push(`客户${i},${phone},${(i * 13) % 900}`);
  }
  return lines.join("\n") + "\n";
}

/**
 * `n` customers to upload, of phones 137…; every 97th (from row 13) is no phone, every 61st
 * (from row 60) repeats the phone of the row 30 before it written another way (+86, spaces).
 * Returns the text, the rows to be rejected with their codes, and the phones to be imported.
 */
function uploadList(n) {
  const lines = ["name,phone,amount"];
  const rejected = new Map();
  const imported = [];
  const phone = (i) => `137${String(i).padStart(8, "0")}`;
  for (let i = 0; i < n; i++) {
    let p = phone(i);
    if (i % 97 === 13) {
      p = i % 2 ? "12" : "n/a";
      rejected.set(i, "invalid_phone");
    } else if (i % 61 === 60 && !rejected.has(i - 30)) {
      p = `+86 ${phone(i - 30).slice(0, 3)} ${phone(i - 30).slice(3, 7)} ${phone(i - 30).slice(7)}`;
      rejected.set(i, "duplicate_value");
    } else imported.push(p);
    lines.push(`上传${i},${p},${i % 500}`);
  }
  return { text: lines.join("\r\n") + "\r\n", rejected, imported };
}
const UPLOAD_ROWS = 3_000;
const UPLOAD_MS = 120_000;

/** Where a text holds a vendor secret (none: []). */
const secretsIn = (text) => SECRETS.filter((secret) => text.includes(secret));

test("admin page through the demo Worker: validate, preview, create, import, start; every vendor; no secret in the page", { timeout: START_TIMEOUT_MS + 180_000 + UPLOAD_MS }, async (t) => {
  mkdirSync(outDir, { recursive: true });
  // No leftovers: demoFor checks that the three servers are gone.
  const demo = await demoFor(t);
  const { sim: simPort, worker: workerPort, www: wwwPort } = demo.ports;
  let browser;
  t.after(() => browser?.close());

  const timings = {};
  let last = Date.now();
  const lap = (name) => { const now = Date.now(); timings[name] = now - last; last = now; };

  const url = await demo.url;
  lap("demo start");
  assert.equal(url, `http://${HOST}:${wwwPort}/`);
  const sim = `http://${HOST}:${simPort}`;
  const proxyUrl = `http://${HOST}:${workerPort}/api`;
  const simRequests = async () => (await fetch(`${sim}/__sim/requests`)).json();

  browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(STEP_MS);
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e}`));
  // Chromium logs every HTTP error status; the proxy answers a vendor's error with 502, which
  // the page shows (step 9).
  page.on("console", (m) => m.type() === "error" && !/^Failed to load resource: the server responded with a status of 502/.test(m.text()) && errors.push(`console: ${m.text()}`));
  page.on("requestfailed", (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  // Everything the page sent and got, to look for secrets in at the end.
  const traffic = [];
  const reads = [];
  page.on("request", (r) => traffic.push({ what: `request ${r.method()} ${r.url()}`, text: `${r.url()}\n${JSON.stringify(r.headers())}\n${r.postData() ?? ""}` }));
  page.on("response", (r) => reads.push(r.text().catch(() => "").then((body) => traffic.push({ what: `response ${r.status()} ${r.url()}`, text: `${JSON.stringify(r.headers())}\n${body}` }))));
  let n = 0;
  const shot = async (name) => (await page.evaluate(() => window.scrollTo(0, 0)), page.screenshot({ path: join(outDir, `${String(++n).padStart(2, "0")}-${name}.png`), fullPage: true }));
  const text = (sel) => page.locator(sel).innerText();

  try {
    await steps();
  } catch (e) {
    // Where it stopped, for the failure report.
    await page.screenshot({ path: join(outDir, "failure.png"), fullPage: true }).catch(() => {});
    throw e;
  }
  assert.deepEqual(errors, []);
  await Promise.all(reads);

  // The page only ever talked to its own server and to the Worker, never to the simulator.
  const hosts = new Set(traffic.map((x) => new URL(x.what.split(" ").at(-1)).host));
  assert.deepEqual([...hosts].sort(), [`${HOST}:${wwwPort}`, `${HOST}:${workerPort}`].sort());
  // No request, no response (bodies of errors included), no Worker log line holds a secret.
  for (const x of traffic) assert.deepEqual(secretsIn(x.text), [], x.what);
  assert.ok(traffic.some((x) => /^response 5\d\d /.test(x.what) && x.text.includes("\"error\"")), "error bodies were among the responses checked");
  assert.match(demo.log(), /"proxyCall":\{"caller":"demo","vendor":"zxycall"/, "the Worker's audit lines are in the captured log");
  assert.deepEqual(secretsIn(demo.log()), [], "the demo's output, the Worker's log included");
  // Everything that reached the simulator came through the Worker (workerd marks its requests).
  const reached = await simRequests();
  assert.ok(reached.length > 0);
  assert.deepEqual(reached.filter((r) => !r.headers["cf-worker"]).map((r) => `${r.vendor} ${r.path}`), []);

  writeFileSync(join(outDir, "timings.json"), JSON.stringify(timings, null, 2) + "\n");
  t.diagnostic(`timings (ms): ${JSON.stringify(timings)}`);

  async function steps() {
    await page.goto(url, { timeout: 30_000 });
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
    lap("page load (wasm init)");

    // 1. Tanyi, through the proxy; the page holds the proxy's URL and the demo user's token.
    await page.check('input[name="vendor"][value="tanyi"]');
    assert.equal(await page.inputValue("#proxy-url"), proxyUrl);
    assert.equal(await page.inputValue("#user-token"), TOKEN);
    await page.waitForSelector("#preview-url");
    assert.equal(await text("#preview-url"), proxyUrl);
    // The token is masked in the preview; the body is the call to the proxy.
    const headersText = await text("#preview-headers");
    assert.doesNotMatch(headersText, new RegExp(TOKEN));
    assert.match(headersText, /Authorization\s+Bearer \S{4}•+\S{4}/);
    assert.match(await text("#preview-json"), /"vendor": "tanyi",\s+"operation": "createTask"/);
    await shot("tanyi-loaded");

    // 2. A daily window of 08:00–21:00: the start shows its error, the end a warning (Tanyi's
    // own examples end at 21:00), in English.
    await page.fill("#f-hoursStart", "08:00");
    await page.fill("#f-hoursEnd", "21:00");
    const startIssues = page.locator("#f-hoursStart-issues .issue.error");
    const endIssues = page.locator("#f-hoursEnd-issues .issue.warning");
    await startIssues.filter({ hasText: "Outside 09:00-20:00, the dialling hours the vendor documents" }).waitFor();
    await endIssues.filter({ hasText: "Outside 09:00-20:00, the dialling hours the vendor documents" }).waitFor();
    assert.equal(await page.locator("#submit").isDisabled(), true, "submit disabled while there are errors");
    assert.match(await text("#preview-body"), /Fix the errors/);
    await shot("window-errors-en");
    lap("errors in English");

    // 3. Chinese: the same issues, in Chinese; <html lang> follows.
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await startIssues.filter({ hasText: "不在厂商文档规定的拨打时段 09:00-20:00 内" }).waitFor();
    await endIssues.filter({ hasText: "不在厂商文档规定的拨打时段 09:00-20:00 内" }).waitFor();
    assert.equal(await text("#create-h"), "创建任务");
    await shot("window-errors-zh");

    // 4. Fixed (09:00–20:00): no issues, submit enabled, the preview's body shows 20:00.
    await page.fill("#f-hoursStart", "09:00");
    await page.fill("#f-hoursEnd", "20:00");
    await page.waitForFunction(() => !document.querySelector("#submit").disabled);
    assert.equal(await startIssues.count(), 0);
    assert.equal(await endIssues.count(), 0);
    await page.waitForSelector("#preview-json");
    const body = await text("#preview-json");
    assert.match(body, /"dailyEndTime": "20:00"/);
    assert.match(body, /"dailyStartTime": "09:00"/);
    await shot("window-fixed-zh");
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    lap("Chinese, fix, preview");

    // 5. Create the task in the simulator; it appears in the task list, not started.
    const name = `e2e ${Date.now()}`;
    await page.fill("#f-name", name);
    await page.waitForFunction((n) => document.querySelector("#preview-json")?.textContent.includes(n), name);
    await page.click("#submit");
    await page.locator("#create-msg .note.ok").waitFor();
    const row = page.locator("#tasks-body tr", { hasText: name });
    await row.waitFor();
    const taskId = await row.getAttribute("data-task-id");
    assert.match(taskId, /^\d+$/);
    assert.match(await text("#create-msg"), new RegExp(`Task ${taskId} created`));
    // The unified status, the vendor's own on hover.
    assert.equal(await row.locator(".status").innerText(), "notStarted");
    assert.match(await row.locator(".status .badge").getAttribute("title"), /NOT_STARTED$/);
    assert.equal(await page.inputValue("#import-task"), taskId, "the new task is the import target");
    await shot("task-created");
    lap("create task");

    // 6. 250 customers from CSV; the two bad rows are flagged by row before anything is sent.
    await page.fill("#csv", csv250());
    await page.locator("#rows-summary", { hasText: "250 rows · 2 will be rejected" }).waitFor();
    const bad = page.locator("#rows-body tr.row-bad");
    assert.equal(await bad.count(), 2);
    assert.deepEqual(await bad.evaluateAll((rows) => rows.map((r) => r.dataset.row)), ["57", "180"]);
    assert.match(await bad.nth(0).innerText(), /Not a valid phone number/);
    await page.check("#only-issues");
    await shot("customers-checked");
    await page.uncheck("#only-issues");
    lap("CSV check");

    // 7. Import (skipInvalid), its chunks through the proxy: the progress bar reaches 100 %;
    //    the report has 248 and 2, and the simulator holds the 248.
    await page.click("#import-btn");
    await page.locator("#import-report").waitFor({ state: "visible", timeout: 60_000 });
    assert.equal(await page.$eval("#import-progress", (p) => [p.value, p.max].join("/")), "250/250");
    assert.match(await text("#import-progress-text"), /250 \/ 250 .*100%/);
    assert.equal(await text('[data-count="imported"]'), "248");
    assert.equal(await text('[data-count="rejected"]'), "2");
    assert.equal(await text('[data-count="unknown"]'), "0");
    assert.deepEqual(await page.locator("#rejected-body tr").evaluateAll((rows) => rows.map((r) => r.dataset.row)), ["57", "180"]);
    assert.match(await text("#rejected-body"), /invalid_phone/);
    // The task list is refreshed after the import: 0 of 248 called.
    await page.locator(`#tasks-body tr[data-task-id="${taskId}"] td.num`, { hasText: "/ 248" }).waitFor();
    const ledger = await (await fetch(`${sim}/__sim/ledger`)).json();
    assert.equal(ledger.tanyi.tasks[taskId].customers.length, 248);
    await shot("imported");
    lap("import 250 rows");

    // 7b. A larger list uploaded with the upload control: the page sends the file to the
    //     Worker's POST /imports (planned there as it streams, chunks queued and sent by the
    //     queue's consumer) and follows GET /imports/:id: the bar reaches the end, and the same
    //     report shows every row refused before sending with its code, matching the simulator's
    //     ledger: each valid row imported exactly once, no invalid or repeated one.
    const list = uploadList(UPLOAD_ROWS);
    await page.setInputFiles("#upload-file", { name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(list.text) });
    await page.click("#upload-btn");
    await page.locator("#import-msg .note.ok", { hasText: /^Import \S+ done\.$/ }).waitFor({ timeout: UPLOAD_MS });
    assert.equal(await page.isVisible("#import-report"), true);
    assert.equal(await page.$eval("#import-progress", (p) => [p.value, p.max].join("/")), `${UPLOAD_ROWS}/${UPLOAD_ROWS}`);
    const chunks = Math.ceil(list.imported.length / 100);
    assert.equal(await text("#import-progress-text"), `${UPLOAD_ROWS} / ${UPLOAD_ROWS} rows · ${chunks} / ${chunks} chunks · 100%`);
    assert.equal(await text('[data-count="imported"]'), String(list.imported.length));
    assert.equal(await text('[data-count="rejected"]'), String(list.rejected.size));
    assert.equal(await text('[data-count="unknown"]'), "0");
    assert.equal(await text('[data-count="notSent"]'), "0");
    const shown = await page.locator("#rejected-body tr").evaluateAll((rows) => rows.map((r) => [Number(r.dataset.row), r.cells[2].textContent]));
    assert.deepEqual(shown, [...list.rejected].sort((a, b) => a[0] - b[0]));
    // A repeated phone's reason names the row it repeats as the table numbers it (from 1).
    const reasons = await page.locator("#rejected-body tr").evaluateAll((rows) => rows.map((r) => [Number(r.dataset.row), r.cells[3].textContent]));
    for (const [row, reason] of reasons) if (list.rejected.get(row) === "duplicate_value") assert.equal(reason, `Duplicate of row ${row - 30 + 1}`, `row ${row}`);
    assert.deepEqual(await page.$eval("#rejected-body", (b) => [...b.childNodes].filter((n) => n.nodeName !== "TR").map((n) => n.textContent)), [], "nothing but the rows in the table");
    assert.ok(list.rejected.size > 40 && [...list.rejected.values()].includes("duplicate_value"), "invalid rows and duplicates both in the list");
    const after = await (await fetch(`${sim}/__sim/ledger`)).json();
    const applied = Object.entries(after.tanyi.imports[taskId]).filter(([p]) => p.startsWith("137"));
    assert.deepEqual(applied.map(([p]) => p).sort(), [...list.imported].sort(), "the valid rows, and only they, reached the vendor");
    assert.deepEqual(applied.filter(([, times]) => times !== 1), [], "each applied exactly once");
    assert.equal(after.tanyi.tasks[taskId].customers.length, 248 + list.imported.length);
    await page.locator(`#tasks-body tr[data-task-id="${taskId}"] td.num`, { hasText: `/ ${248 + list.imported.length}` }).waitFor();
    await shot("uploaded");
    lap(`upload ${UPLOAD_ROWS} rows through the queue`);

    // 8. Start: the status in the list changes.
    await row.locator('button[data-action="startTask"]').click();
    await row.locator(".status", { hasText: "running" }).waitFor();
    assert.match(await text("#tasks-msg"), new RegExp(`task ${taskId} done`));
    await shot("task-started");

    // 9. Starting it again is refused by the vendor: through the proxy, the same readable
    //    message with the vendor's code.
    await row.locator('button[data-action="startTask"]').click();
    await page.locator("#tasks-msg .note.error").waitFor();
    assert.match(await text("#tasks-msg"), /^VendorError 412: \S/);
    await shot("vendor-error");
    lap("start, vendor error");

    // 10. The other three vendors, through the same proxy: the task list loads, a task made
    //     from the form's defaults is created and listed.
    for (const vendor of ["byrobot", "itniotech", "zxycall"]) {
      await page.check(`input[name="vendor"][value="${vendor}"]`);
      if (vendor === "zxycall") await page.locator("#meta-bar.ok").waitFor();
      const vname = `e2e ${vendor} ${Date.now()}`;
      await page.fill("#f-name", vname);
      await page.waitForFunction(() => !document.querySelector("#submit").disabled);
      await page.click("#submit");
      await page.locator("#create-msg .note.ok").waitFor();
      await page.locator("#tasks-body tr", { hasText: vname }).waitFor();
      assert.equal(await page.locator("#tasks-msg .note.error").count(), 0, `${vendor}: no error`);
      await shot(`${vendor}-task-created`);
    }
    lap("three more vendors");

    // 11. The Worker refuses a call without the token and one from another origin (as a
    //     browser would send them), and neither reaches the simulator.
    const before = (await simRequests()).length;
    const call = JSON.stringify({ vendor: "tanyi", operation: "listTasks", params: {} });
    const noToken = await fetch(proxyUrl, { method: "POST", headers: { origin: url.slice(0, -1), "content-type": "application/json" }, body: call });
    assert.equal(noToken.status, 401);
    assert.equal((await noToken.json()).error.name, "UnauthenticatedError");
    const elsewhere = await fetch(proxyUrl, { method: "POST", headers: { origin: "http://evil.example", authorization: `Bearer ${TOKEN}` }, body: call });
    assert.equal(elsewhere.status, 403);
    assert.equal(elsewhere.headers.get("access-control-allow-origin"), null, "no CORS grant for another origin");
    assert.equal((await simRequests()).length, before, "no refused call reached the simulator");
    lap("refusals");
  }
});
