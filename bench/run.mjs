// waihu's benchmarks, side by side with what a user would otherwise use, in one run:
//   npm run bench            (builds the package first; see bench/README.md)
// Prints every table and writes them, with the machine and date, to bench/RESULTS.md.
// Timings live here, never in the pass/fail tests.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as waihu from "waihu";
import { sizes, contributors, crateOf } from "./size.mjs";
import { buildWasm, WASM_FEATURES } from "../pkg-template/toolchain.mjs";
import { tanyiImport, tanyiImportRows, itniotechTask } from "./zod-schemas.mjs";
import { scriptedServer } from "../tests/pkg/server.mjs";
import { now, creds, createParams, tanyiRows, itniotechTaskForms } from "./fixtures.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = [];
const say = (s = "") => { console.log(s); out.push(s); };
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median ms of `f` over `rounds` after `warm` warm-up runs. */
function time(f, rounds = 7, warm = 3) {
  for (let i = 0; i < warm; i++) f();
  const ts = [];
  for (let i = 0; i < rounds; i++) { const t = performance.now(); f(); ts.push(performance.now() - t); }
  return median(ts);
}
/** Median ms of `a` and of `b`, timed in turns (a, b, a, b, …) after warm-up, so that a
 *  slow spell of the machine or of the JIT falls on both sides alike. */
function timePair(a, b, rounds = 15, warm = 5) {
  for (let i = 0; i < warm; i++) { a(); b(); }
  const ta = [], tb = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now(); a(); ta.push(performance.now() - t);
    t = performance.now(); b(); tb.push(performance.now() - t);
  }
  return [median(ta), median(tb)];
}
async function timeAsync(f, rounds = 5, warm = 1) {
  for (let i = 0; i < warm; i++) await f();
  const ts = [];
  for (let i = 0; i < rounds; i++) { const t = performance.now(); await f(); ts.push(performance.now() - t); }
  return median(ts);
}

// ---------------------------------------------------------------- 1. size
function sizeSection() {
  say("## 1. Size\n\nBudget: ≤ 110 000 bytes gzipped .wasm (gzip level 9; the byte count is in the goals table).\n");
  say("| file | raw | gzip | brotli |\n|---|---|---|---|");
  for (const s of sizes()) say(`| ${s.file} | ${kib(s.raw)} | ${kib(s.gzip)} | ${kib(s.brotli)} |`);
  // A copy with names kept, to attribute the code (same code as the package's; names after
  // -Oz are approximate, because identical functions are merged).
  const dir = mkdtempSync(join(tmpdir(), "waihu-size-"));
  execFileSync("wasm-bindgen", ["--keep-debug", "--target", "web", "--out-dir", dir, "--out-name", "waihu", join(root, "target/pkg/wasm32-unknown-unknown/release/waihu.wasm")]);
  execFileSync(join(root, "node_modules/.bin/wasm-opt"), ["-Oz", "-g", ...WASM_FEATURES, join(dir, "waihu_bg.wasm"), "-o", join(dir, "named.wasm")]);
  const fns = contributors(readFileSync(join(dir, "named.wasm")));
  const total = fns.reduce((a, f) => a + f.size, 0);
  const by = new Map();
  for (const f of fns) by.set(crateOf(f.name), (by.get(crateOf(f.name)) ?? 0) + f.size);
  say(`\nLargest contributors (code bytes by crate, of ${kib(total)} of code; approximate):\n`);
  say("| crate | code | share |\n|---|---|---|");
  for (const [c, n] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 10)) say(`| ${c} | ${kib(n)} | ${((n / total) * 100).toFixed(1)}% |`);
  say("\n| largest functions | code |\n|---|---|");
  // Without the crates' disambiguating hashes (`waihu[3fae…]::`, `::h…`).
  for (const f of [...fns].sort((a, b) => b.size - a.size).slice(0, 8)) say(`| \`${f.name.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "").slice(0, 90)}\` | ${kib(f.size)} |`);
}

// ---------------------------------------------------------------- 2. validation vs zod
function validationSection() {
  say("\n## 2. Validation speed: waihu against zod 4\n");
  say("Same inputs, same rules (bench/zod-schemas.mjs), same process, warmed up; waihu's time includes getting the data across the JS↔wasm boundary and the issues back. Ratio = zod time / waihu time (≥ 1.0: waihu at least as fast).\n");
  const errs = (issues) => issues.filter((i) => i.severity === "error").length > 0;

  const batch = { robotCallJobId: 1, customerPersons: tanyiRows(10_000) };
  const forms = itniotechTaskForms(1_000);
  // Agreement first: a benchmark of two validators that disagree measures nothing.
  const a1 = errs(waihu.validate("tanyi", "importCustomers", batch)) === !tanyiImportRows.safeParse(batch).success;
  const a2 = forms.filter((f) => errs(waihu.validate("itniotech", "createTask", f)) !== !itniotechTask.safeParse(f).success).length;
  if (!a1 || a2) throw new Error(`waihu and zod disagree (tanyi batch ${a1 ? "agrees" : "differs"}, ${a2} Itniotech forms differ)`);
  const small = Array.from({ length: 100 }, (_, k) => ({ robotCallJobId: 1, customerPersons: tanyiRows(100).map((r, i) => ({ ...r, phoneNumber: `13${String(k * 100 + i).padStart(9, "0")}` })) }));

  const rows = [
    ["Tanyi import, 10 000 customers in one batch", () => waihu.validate("tanyi", "importCustomers", batch), () => tanyiImportRows.safeParse(batch)],
    ["Tanyi import, 100 batches of 100 customers", () => small.forEach((b) => waihu.validate("tanyi", "importCustomers", b)), () => small.forEach((b) => tanyiImport.safeParse(b))],
    ["Itniotech task forms, 1 000 validations", () => forms.forEach((f) => waihu.validate("itniotech", "createTask", f)), () => forms.forEach((f) => itniotechTask.safeParse(f))],
  ];
  say("| input | baseline: zod 4 `safeParse` | waihu `validate` | ratio zod/waihu |\n|---|---|---|---|");
  const ratios = [];
  for (const [name, w, z] of rows) {
    const [zt, wt] = timePair(z, w);
    ratios.push(zt / wt);
    say(`| ${name} | ${zt.toFixed(2)} ms | ${wt.toFixed(2)} ms | ${(zt / wt).toFixed(2)} |`);
  }

  return ratios;
}

/** The two ways params can cross the boundary, measured on the same build: JSON text (what the
 *  package does) against JS objects converted by serde-wasm-bindgen (`--features boundary-bench`). */
async function boundarySection() {
  say("\n### The JS↔wasm boundary: JSON text against serde-wasm-bindgen objects\n");
  const dir = join(root, "bench/.build");
  const built = buildWasm(root, { targetDir: join(root, "target/bench"), features: ["boundary-bench"], stdio: "ignore" });
  execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", dir, "--out-name", "waihu", built]);
  const b = await import(join(dir, "waihu.js"));
  b.initSync({ module: readFileSync(join(dir, "waihu_bg.wasm")) });
  const viaJson = (v, op, p) => JSON.parse(b.validate(v, op, JSON.stringify(p), "null") ?? "[]");
  const viaObject = (v, op, p) => b.validateObject(v, op, p);
  const batch = { robotCallJobId: 1, customerPersons: tanyiRows(10_000) };
  const small = Array.from({ length: 100 }, () => ({ robotCallJobId: 1, customerPersons: tanyiRows(100) }));
  const forms = itniotechTaskForms(1_000);
  if (JSON.stringify(viaJson("tanyi", "importCustomers", batch)) !== JSON.stringify(viaObject("tanyi", "importCustomers", batch))) throw new Error("the two paths disagree");
  say("Same build, same validation; only the way params go in and issues come out differs (the build is not wasm-opt'ed, so absolute times differ from section 2).\n");
  say("| input | baseline: serde-wasm-bindgen objects | JSON text (the package's path) | ratio |\n|---|---|---|---|");
  for (const [name, f] of [
    ["Tanyi import, 10 000 customers", (via) => via("tanyi", "importCustomers", batch)],
    ["Tanyi import, 100 × 100 customers", (via) => small.forEach((p) => via("tanyi", "importCustomers", p))],
    ["Itniotech task forms, 1 000", (via) => forms.forEach((p) => via("itniotech", "createTask", p))],
  ]) {
    const o = time(() => f(viaObject)), j = time(() => f(viaJson));
    say(`| ${name} | ${o.toFixed(2)} ms | ${j.toFixed(2)} ms | ${(o / j).toFixed(2)} |`);
  }
}

// ---------------------------------------------------------------- 3. request building
/** The same signed request written by hand with node:crypto (no validation). */
const byHand = {
  tanyi: (p) => { const ts = String(now), c = creds.tanyi; return { headers: { appKey: c.appKey, tenantSign: c.tenantSign, version: "v1", timestamp: ts, signature: createHash("sha256").update(`${c.tenantSign}appKey=${c.appKey}&appSecret=${c.appSecret}&tenantSign=${c.tenantSign}&version=v1&timestamp=${ts}`).digest("hex") }, body: JSON.stringify(p) }; },
  byrobot: (p) => { const d = new Date(now).toUTCString(), c = creds.byrobot; return { headers: { appkey: c.appKey, datetime: d, sign: createHmac("sha1", c.appSecret).update(`${c.appKey}\n${d}`).digest("base64") }, body: JSON.stringify(p) }; },
  itniotech: (p) => { const ts = String(Math.floor(now / 1000)), c = creds.itniotech; return { headers: { Sign: createHash("md5").update(c.apiKey + c.apiSecret + ts).digest("hex"), Timestamp: ts, "Api-Key": c.apiKey }, body: JSON.stringify({ appId: c.appId, ...p }) }; },
  zxycall: (p) => ({ headers: { Authorization: `Bearer ${creds.zxycall.token}` }, body: JSON.stringify(p) }),
};

function buildingSection() {
  say("\n## 3. Request building: createTask requests validated, built and signed per second\n");
  say("Baseline: the same signed request written by hand with node:crypto and JSON.stringify, without validation. Ratio = waihu rate / baseline rate.\n");
  say("| vendor | baseline: by hand | waihu `buildRequest` | ratio |\n|---|---|---|---|");
  const N = 2_000;
  for (const v of ["tanyi", "byrobot", "itniotech", "zxycall"]) {
    const opts = { credentials: creds[v], now, baseUrl: v === "zxycall" ? "https://zxy.example.com" : undefined };
    const w = time(() => { for (let i = 0; i < N; i++) waihu.buildRequest(v, "createTask", createParams[v], opts); });
    const h = time(() => { for (let i = 0; i < N; i++) byHand[v](createParams[v]); });
    const rate = (ms) => Math.round((N / ms) * 1000);
    say(`| ${v} | ${rate(h).toLocaleString("en")}/s | ${rate(w).toLocaleString("en")}/s | ${(h / w).toFixed(2)} |`);
  }
}

// ---------------------------------------------------------------- 4. start-up
function startupSection() {
  say("\n## 4. Start-up: compile + instantiate + a first validation\n");
  const script = (what) => `const t=performance.now();${what};console.log(performance.now()-t)`;
  const node = (code) => Number(spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: root, encoding: "utf8" }).stdout.trim());
  const form = JSON.stringify(createParams.tanyi);
  const runs = (code) => median(Array.from({ length: 7 }, () => node(code)));
  const w = runs(script(`const w=await import("waihu");w.validate("tanyi","createTask",${form})`));
  const z = runs(script(`const {z}=await import("zod");z.object({name:z.string()}).safeParse({name:"x"})`));
  say("| runtime | baseline | waihu | ratio |\n|---|---|---|---|");
  say(`| Node ${process.version} (import + first call, fresh process) | zod 4: ${z.toFixed(1)} ms | ${w.toFixed(1)} ms | ${(w / z).toFixed(2)} |`);
  return { w, z };
}

async function workerdStartup() {
  const { Miniflare } = await import("miniflare");
  const dist = join(root, "pkg/dist");
  const modules = (main) => [
    { type: "ESModule", path: join(dist, "worker-main.mjs"), contents: main },
    { type: "ESModule", path: join(dist, "waihu"), contents: readFileSync(join(dist, "workerd.js"), "utf8") },
    // The package's other modules, as they sit next to the entry.
    ...readdirSync(dist).filter((f) => f.endsWith(".js") && !["workerd.js", "node.js", "browser.js"].includes(f)).map((f) => ({ type: "ESModule", path: join(dist, f) })),
    { type: "CompiledWasm", path: join(dist, "waihu_bg.wasm") },
  ];
  const form = JSON.stringify(createParams.tanyi);
  const withWaihu = `import { validate } from "waihu"; export default { fetch() { return Response.json(validate("tanyi", "createTask", ${form})); } };`;
  const plain = `export default { fetch() { const f = ${form}; return Response.json(f.robotCallJob.dailyStartTime < "09:00" ? [1] : []); } };`;
  const once = async (main) => {
    const t = performance.now();
    const mf = new Miniflare({ modules: modules(main), modulesRoot: dist, compatibilityDate: "2024-09-23" });
    await (await mf.dispatchFetch("http://localhost/")).text();
    const ms = performance.now() - t;
    await mf.dispose();
    return ms;
  };
  const ms = async (main) => { await once(main); const xs = []; for (let i = 0; i < 5; i++) xs.push(await once(main)); return median(xs); };
  const base = await ms(plain), w = await ms(withWaihu);
  say(`| workerd (miniflare: start a Worker and serve a first request) | a plain JS Worker: ${base.toFixed(0)} ms | ${w.toFixed(0)} ms | ${(w / base).toFixed(2)} (waihu adds ${(w - base).toFixed(0)} ms) |`);
}

// ---------------------------------------------------------------- 5. per-request overhead
async function clientSection() {
  say("\n## 5. Per-request overhead of `Client` against a hand-written fetch\n");
  const srv = await scriptedServer();
  const c = creds.tanyi;
  const client = new waihu.Client({ vendor: "tanyi", credentials: c, baseUrl: srv.url });
  const N = 1_000;
  const viaClient = async () => { for (let i = 0; i < N; i++) await client.startTask({ robotCallJobId: 1 }); };
  // `timeout`: the same fetch with the deadline `Client` sets on every attempt (30 s by
  // default): not the goal's baseline, but what a careful hand-written call also pays.
  const viaFetch = async (timeout = false) => {
    for (let i = 0; i < N; i++) {
      const timestamp = String(Date.now());
      const signature = createHash("sha256").update(`${c.tenantSign}appKey=${c.appKey}&appSecret=${c.appSecret}&tenantSign=${c.tenantSign}&version=v1&timestamp=${timestamp}`).digest("hex");
      const r = await fetch(`${srv.url}/apiOpen/v1/job/start`, { method: "POST", headers: { "Content-Type": "application/json", appKey: c.appKey, tenantSign: c.tenantSign, version: "v1", timestamp, signature }, body: JSON.stringify({ robotCallJobId: 1 }), signal: timeout ? AbortSignal.timeout(30_000) : undefined });
      const body = await r.json();
      if (body.code !== 200) throw new Error("vendor error");
    }
  };
  say(`Tanyi startTask, ${N} sequential requests to a 127.0.0.1 server in the same process, median of 5 rounds. Goal: ratio ≤ 1.1. The server answers at once (the pure cost of each path; any real vendor takes far longer), or after 1 ms (a fast server on the same network).\n`);
  say("The last column compares with the same hand-written fetch given the deadline `Client` sets on every attempt (`AbortSignal.timeout`, 30 s by default): Node's fetch spends tens of microseconds on any signal.\n");
  say("| server | baseline: hand-written fetch | waihu `Client` | overhead | ratio | hand-written fetch with a timeout signal | ratio to it |\n|---|---|---|---|---|---|---|");
  const ratios = [];
  for (const delayMs of [0, 1]) {
    srv.setFallback({ body: JSON.stringify({ code: 200, data: null, requestId: "R", resultMsg: "ok" }), delayMs });
    const f = [], w = [], t = [];
    await viaFetch(); await viaClient(); await viaFetch(true);
    for (let r = 0; r < 5; r++) { f.push(await timeAsync(viaFetch, 1, 0)); w.push(await timeAsync(viaClient, 1, 0)); t.push(await timeAsync(() => viaFetch(true), 1, 0)); }
    const [fm, wm, tm] = [median(f) / N * 1000, median(w) / N * 1000, median(t) / N * 1000];
    say(`| ${delayMs ? "answers after 1 ms" : "answers at once"} | ${fm.toFixed(0)} µs/request | ${wm.toFixed(0)} µs/request | +${(wm - fm).toFixed(0)} µs | ${(wm / fm).toFixed(2)} | ${tm.toFixed(0)} µs/request | ${(wm / tm).toFixed(2)} |`);
    ratios.push(wm / fm);
  }
  await srv.close();
  return ratios;
}

// ---------------------------------------------------------------- 6. import
function importSection() {
  say("\n## 6. Importing 100 000 customers into the simulator\n");
  const r = spawnSync(process.execPath, [join(root, "bench/import.mjs"), "100000", "3"], { cwd: root, encoding: "utf8" });
  say("```\n" + r.stdout.trim() + "\n```");
}

// ---------------------------------------------------------------- 7. webhooks
function webhookSection() {
  say("\n## 7. Callbacks handled per second through the webhook handler in workerd\n");
  const r = spawnSync(process.execPath, [join(root, "bench/webhook.mjs"), "5000", "5"], { cwd: root, encoding: "utf8" });
  say(r.stdout.trim() || "```\n" + r.stderr.trim() + "\n```");
}

// ---------------------------------------------------------------- 8. proxy
function proxySection() {
  say("\n## 8. The edge proxy's added latency (a Client through createProxyHandler in workerd against the same Client direct)\n");
  const r = spawnSync(process.execPath, [join(root, "bench/proxy.mjs"), "300"], { cwd: root, encoding: "utf8" });
  say(r.stdout.trim() || "```\n" + r.stderr.trim() + "\n```");
}

// ---------------------------------------------------------------- 9. import planner scaling
function plannerSection() {
  say("\n## 9. The import planner at 10 k, 100 k and 1 M CSV rows\n");
  say("`createImportPlanner` (parse, validate, normalise phones, drop duplicates across the whole list, cut chunk bodies of 100) on a Tanyi CSV fed in 64 KiB pieces (every 50th row a duplicate written another way, every 1 000th no phone), each size in a fresh Node process (`node --expose-gc bench/plan-csv.mjs --scale <rows>`): median of 3 runs after a warm-up. Memory: the wasm linear memory after the runs (it never shrinks, so it is the planner's peak: mostly the duplicate keys of the whole list), and the process's peak RSS while planning the list the first time (VmHWM, reset once the input text is made and its garbage collected) above its RSS then: the wasm memory plus the chunk bodies' JS strings the garbage collector has not yet taken. Linear time: ×10 rows ≈ ×10 time.\n");
  say("| rows | time | rows/s | wasm memory | peak RSS increase |\n|---|---|---|---|---|");
  const mib = (n) => (n === null ? "n/a" : `${(n / 2 ** 20).toFixed(1)} MiB`);
  const runs = [];
  for (const n of [10_000, 100_000, 1_000_000]) {
    const r = spawnSync(process.execPath, ["--expose-gc", join(root, "bench/plan-csv.mjs"), "--scale", String(n), "3"], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`bench/plan-csv.mjs --scale ${n}: ${r.stderr}`);
    const x = JSON.parse(r.stdout.trim().split("\n").at(-1));
    runs.push(x);
    say(`| ${n.toLocaleString("en")} | ${x.ms.toFixed(0)} ms | ${Math.round(x.rowsPerSecond).toLocaleString("en")} | ${mib(x.wasmBytes)} | ${mib(x.peakRssIncrease)} |`);
  }
  const grows = runs.slice(1).map((b, i) => `${(runs[i].rows / 1000).toLocaleString("en")} k → ${(b.rows / 1000).toLocaleString("en")} k: ×${(b.ms / runs[i].ms).toFixed(1)}`);
  say(`\nTime growth for ×10 rows (linear: ≈ ×10): ${grows.join("; ")}.`);
}

// ---------------------------------------------------------------- run
// `node bench/run.mjs validation building` runs only those sections and writes nothing.
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const rustc = spawnSync("rustc", ["--version"], { encoding: "utf8" }).stdout.trim();
say(`# waihu benchmark results\n\nRun ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${cpus().length}× ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${rustc}. Regenerate with \`npm run bench\`.\n`);
if (want("size")) sizeSection();
const ratios = want("validation") ? validationSection() : [];
if (want("validation") || want("boundary")) await boundarySection();
if (want("building")) buildingSection();
if (want("startup")) { startupSection(); await workerdStartup(); }
const overhead = want("client") ? await clientSection() : [NaN, NaN];
if (want("import")) importSection();
if (want("webhook")) webhookSection();
if (want("proxy")) proxySection();
if (want("planner")) plannerSection();
if (only.length === 0) {
  const sz = sizes()[0];
  say("\n## Goals\n");
  say(`| goal | result |\n|---|---|`);
  say(`| .wasm ≤ 110 000 bytes gzipped | ${kib(sz.gzip)} (${sz.gzip} bytes): ${sz.gzip <= 110_000 ? "met" : "missed"} |`);
  say(`| validation at least as fast as zod (ratio ≥ 1.0) | ${ratios.map((r) => r.toFixed(2)).join(", ")}: ${ratios.every((r) => r >= 1) ? "met" : "missed"} |`);
  say(`| Client overhead ≤ 1.1× a hand-written fetch | at once ${overhead[0].toFixed(2)}: ${overhead[0] <= 1.1 ? "met" : "missed"}; after 1 ms ${overhead[1].toFixed(2)}: ${overhead[1] <= 1.1 ? "met" : "missed"} |`);
  const notes = (() => { try { return readFileSync(join(root, "bench/NOTES.md"), "utf8"); } catch { return ""; } })();
  writeFileSync(join(root, "bench/RESULTS.md"), out.join("\n") + "\n" + (notes ? "\n" + notes : ""));
  console.log("\nwritten to bench/RESULTS.md");
}
