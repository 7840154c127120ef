// The admin page's unified create-task form end to end (through the demo command, in headless
// Chromium, against the bundled simulator): the form is filled once, the vendor tab switched
// through all four vendors, and each vendor's issues (unsupported_field included) appear on the
// same fields; fixed, the same form creates the task on Tanyi and on Itniotech; the task list
// shows the unified status (the vendor's own on hover), and a task's calls are listed with
// unified outcomes. Screenshots go to test-output/e2e-unified/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { START_TIMEOUT_MS, STEP_MS, demoFor, launch, repo } from "./demo.mjs";

const outDir = join(repo, "test-output", "e2e-unified");

test("admin page: one unified form, four vendors' issues on the same fields, created on two", { timeout: START_TIMEOUT_MS + 120_000 }, async (t) => {
  mkdirSync(outDir, { recursive: true });
  const demo = await demoFor(t);
  let browser;
  t.after(() => browser?.close());
  const url = await demo.url;
  browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(STEP_MS);
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`console: ${m.text()}`));
  let n = 0;
  const shot = async (name) => (await page.evaluate(() => window.scrollTo(0, 0)), page.screenshot({ path: join(outDir, `${String(++n).padStart(2, "0")}-${name}.png`), fullPage: true }));
  const text = (sel) => page.locator(sel).innerText();
  const issue = (field, severity, hasText) => page.locator(`#f-${field}-issues .issue.${severity}`, { hasText }).waitFor();
  const none = async (field) => assert.equal(await page.locator(`#f-${field}-issues .issue`).count(), 0, `no issue at ${field}`);
  const vendor = async (v) => {
    await page.check(`input[name="vendor"][value="${v}"]`);
    await page.locator(".form-section h3", { hasText: { tanyi: "Tanyi", byrobot: "BYRobot", itniotech: "Itniotech", zxycall: "ZXY" }[v] }).waitFor();
  };

  try {
    await page.goto(url, { timeout: 30_000 });
    await page.waitForSelector("body[data-ready]", { timeout: 30_000 });

    // 1. Fill the form once, on Tanyi: a daily start of 08:00, two breaks, Mondays, a note.
    await vendor("tanyi");
    const name = `unified e2e ${Date.now()}`;
    await page.fill("#f-name", name);
    await page.fill("#f-hoursStart", "08:00");
    for (const [i, [s, e]] of [["12:00", "13:00"], ["15:00", "15:30"]].entries()) {
      await page.click('[data-field-wrap="breaks"] .add-window');
      await page.fill(`#f-breaks-${i}-start`, s);
      await page.fill(`#f-breaks-${i}-end`, e);
    }
    await page.check("#f-days-0");
    await page.fill("#f-note", "one form, four vendors");

    // 2. Each vendor's issues, on the same fields.
    await issue("hoursStart", "error", "Outside 09:00-20:00, the dialling hours the vendor documents");
    await issue("days", "error", "tanyi has no field for this");
    await none("breaks-1");
    await shot("tanyi");

    await vendor("byrobot");
    assert.equal(await page.inputValue("#f-hoursStart"), "08:00", "switching vendors keeps what was typed");
    assert.equal(await page.inputValue("#f-breaks-1-start"), "15:00");
    await issue("hoursStart", "warning", "Outside 09:00-20:00, the dialling hours the vendor documents");
    await issue("breaks-1", "error", "byrobot takes at most 1");
    await issue("days", "error", "byrobot has no field for this");
    await page.click("#lang-toggle");
    await issue("breaks-1", "error", "byrobot 最多支持 1 项");
    await shot("byrobot-zh");
    await page.click("#lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "en");

    await vendor("itniotech");
    await issue("hoursStart", "error", "Outside 09:00-20:00, the dialling hours the vendor documents");
    await issue("note", "warning", "itniotech has no field for this");
    await none("days");
    await none("breaks-1");
    await shot("itniotech");

    await vendor("zxycall");
    // The create options load and choose a time group and a redial rule: the time fields are
    // then harmless (the time group decides).
    await page.locator("#meta-bar.ok").waitFor();
    await issue("hoursStart", "warning", "zxycall sets this only through vendorOptions.zxycall.disable_dial_timegroup");
    await issue("breaks", "warning", "disable_dial_timegroup");
    await issue("days", "warning", "disable_dial_timegroup");
    await shot("zxycall");

    // 3. Fixed on the common fields (09:00, one break, every day): created on Tanyi …
    await vendor("tanyi");
    await page.fill("#f-hoursStart", "09:00");
    await page.click('[data-field-wrap="breaks"] button[aria-label="Remove 2"]');
    await page.uncheck("#f-days-0");
    await page.waitForFunction(() => !document.querySelector("#submit").disabled);
    assert.match(await text("#preview-json"), /"inactiveTimeList": \[/);
    await page.click("#submit");
    await page.locator("#create-msg .note.ok").waitFor();
    const tanyiRow = page.locator("#tasks-body tr", { hasText: name });
    await tanyiRow.waitFor();
    assert.equal(await tanyiRow.locator(".status").innerText(), "notStarted");
    assert.match(await tanyiRow.locator(".status .badge").getAttribute("title"), /NOT_STARTED$/);
    await shot("tanyi-created");

    // … where its calls are listed with unified outcomes once customers are in and it runs.
    await page.fill("#csv", "name,phone\n张三,13900000001\n李四,13900000002\n");
    await page.locator("#rows-summary", { hasText: "2 rows · all valid" }).waitFor();
    await page.click("#import-btn");
    await page.locator('[data-count="imported"]', { hasText: "2" }).waitFor({ timeout: 30_000 });
    await tanyiRow.locator('button[data-action="startTask"]').click();
    await tanyiRow.locator(".status", { hasText: "running" }).waitFor();
    await tanyiRow.locator('button[data-action="calls"]').click();
    const outcomes = page.locator("#calls-body td.outcome .badge");
    await outcomes.first().waitFor();
    for (const o of await outcomes.allInnerTexts()) assert.match(o, /^(answered|noAnswer|busy|rejected|unreachable|poweredOff|outOfService|vacant)$/);
    assert.ok((await outcomes.first().getAttribute("title")).length > 0, "the vendor's own outcome on hover");
    await shot("tanyi-calls");

    // … and, with the same common fields, on Itniotech (its warnings do not block).
    await vendor("itniotech");
    await issue("note", "warning", "itniotech has no field for this");
    await page.waitForFunction(() => !document.querySelector("#submit").disabled);
    await page.click("#submit");
    await page.locator("#create-msg .note.ok").waitFor();
    const itnRow = page.locator("#tasks-body tr", { hasText: name });
    await itnRow.waitFor();
    assert.equal(await itnRow.locator(".status").innerText(), "notStarted");
    await shot("itniotech-created");
  } catch (e) {
    await page.screenshot({ path: join(outDir, "failure.png"), fullPage: true }).catch(() => {});
    throw e;
  }
  assert.deepEqual(errors, []);
});
