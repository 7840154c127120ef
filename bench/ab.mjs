// A/B of two builds of waihu, like for like (bench/README.md):
//   node bench/ab.mjs build <tree> [--target-dir DIR]
//     builds <tree>'s package into <tree>/pkg with this checkout's release pipeline, whatever
//     pipeline <tree>'s own commit had, so that an old commit and a new one differ only in
//     their code; prints the .wasm's `gzip -9` bytes.
//   node bench/ab.mjs --baseline DIR --candidate DIR [--rounds N] [--ms M]
//     loads both packages (DIR holds dist/node.js) into one Node process and times the
//     operations both have, in alternating short rounds, so that the machine's slow spells fall
//     on both alike; prints candidate/baseline per operation as a markdown table. It writes
//     nothing: run.mjs rewrites bench/RESULTS.md whole, so tables worth keeping go into
//     bench/NOTES.md, which RESULTS.md includes.
// Timings live here, never in the pass/fail tests.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildWasm, WASM_OPT_RELEASE } from "../pkg-template/toolchain.mjs";
import { now, creds, createParams as forms, tanyiRows, itniotechTaskForms } from "./fixtures.mjs";
import { gzipBytes } from "./size.mjs";

const here = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);
const flag = (name, fallback) => { const i = argv.indexOf(name); return i < 0 ? fallback : argv[i + 1]; };

// ---------------------------------------------------------------- build

async function build(tree, targetDir) {
  // The cargo step: this checkout's toolchain.mjs (pinned nightly, std rebuilt, its flags).
  const built = buildWasm(tree, { targetDir });
  const pkg = join(tree, "pkg"), dist = join(pkg, "dist");
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  execFileSync("wasm-bindgen", ["--target", "web", "--out-dir", dist, "--out-name", "waihu", built], { stdio: "inherit" });
  const wasm = join(dist, "waihu_bg.wasm");
  // The wasm-opt step of pkg-template/build.mjs (toolchain.mjs says why each flag is there).
  execFileSync(join(here, "node_modules/.bin/wasm-opt"), [...WASM_OPT_RELEASE, wasm, "-o", wasm], { stdio: "inherit" });
  // The rest is <tree>'s own packaging: its entry files, and its generated error classes where
  // its commit has codegen.mjs (older commits wrote them by hand in pkg-template/).
  const template = join(tree, "pkg-template");
  const codegen = join(template, "codegen.mjs");
  const vendors = existsSync(codegen) ? (await (await import(pathToFileURL(codegen).href)).generate(dist)).vendors : [];
  for (const f of readdirSync(template)) {
    if (["build.mjs", "codegen.mjs", "toolchain.mjs", "package.json"].includes(f)) continue;
    cpSync(join(template, f), join(f.startsWith("README") ? pkg : dist, f));
  }
  const manifest = JSON.parse(readFileSync(join(template, "package.json"), "utf8"));
  manifest.version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(tree, "Cargo.toml"), "utf8"))[1];
  manifest.keywords = [...manifest.keywords, ...vendors];
  writeFileSync(join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  const commit = execFileSync("git", ["-C", tree, "rev-parse", "--short", "HEAD"]).toString().trim();
  console.log(`${tree} (${commit}): pkg/dist/waihu_bg.wasm ${gzipBytes(wasm)} bytes gzip -9`);
}

if (argv[0] === "build") {
  const tree = resolve(argv[1]);
  await build(tree, resolve(flag("--target-dir", join(tree, "target/pkg"))));
  process.exit(0);
}

// ---------------------------------------------------------------- timing
// The work of bench/run.mjs sections 2 and 3 plus reply parsing, in the call shapes that every
// version since the vendor table's parent accepts (validate / buildRequest / parseResponse have
// kept their signatures). The import planner and the callback parser are newer than that
// baseline, so they are not here; Client's round trips are dominated by the socket.
const batch = { robotCallJobId: 1, customerPersons: tanyiRows(10_000) };
const batches = Array.from({ length: 100 }, (_, k) => ({ robotCallJobId: 1, customerPersons: tanyiRows(100, k * 100) }));
const itniotechForms = itniotechTaskForms(1_000);
// Replies as the vendor READMEs document them: a created task, and a page of 50 tasks.
const page = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const replies = {
  tanyi: {
    createTask: JSON.stringify({ code: 200, data: { robotCallJobId: 139 }, requestId: "RKXNIQAF", resultMsg: "修改成功", errorStackTrace: null }),
    listTasks: JSON.stringify({ code: 200, requestId: "R", resultMsg: "ok", data: { number: 1, pageSize: 50, totalElements: 50, pages: 1, content: page(50, (i) => ({ robotCallJobId: i + 1, name: `任务${i}`, status: "IN_PROCESS", mode: "MANUAL", dialogFlowId: 139, robotCount: 2, dailyStartTime: "09:00", dailyEndTime: "20:00" })) } }),
  },
  byrobot: {
    createTask: JSON.stringify({ code: 200, data: 67, resultMsg: "操作成功", errorStackTrace: null }),
    listTasks: JSON.stringify({ code: 200, resultMsg: "操作成功", errorStackTrace: null, data: { pageNum: 1, pageSize: 50, size: 50, orderBy: null, startRow: 1, endRow: 50, total: 50, pages: 1, list: page(50, (i) => ({ callJobId: i + 1, jobName: `任务${i}`, jobType: 2, startDate: "2017-10-25", workingStartTime: "09:00:00", workingEndTime: "21:00:00", status: 2, sceneDefId: 1, remark: "", totalCount: null, doneCount: null, calledCount: null, callPhones: null })) } }),
  },
  itniotech: {
    createTask: JSON.stringify({ status: "0", reason: "success", data: 123 }),
    listTasks: JSON.stringify({ status: "0", reason: "success", data: { total: 50, size: 50, current: 1, pages: 1, records: page(50, (i) => ({ jobId: i + 1, name: `任务${i}` })) } }),
  },
  zxycall: {
    createTask: JSON.stringify({ uuid: "dfc36b34-b398-4f6b-b263-cd64c53e5185", name: "测试", maximumcall: 1, start: 0 }),
    listTasks: JSON.stringify({ data: page(50, (i) => ({ uuid: `dfc36b34-b398-4f6b-b263-${String(i).padStart(12, "0")}`, name: `测试任务${i}`, create_datetime: "2019-05-07 15:15:40", start: 0, maximumcall: 1, call_per_second: 10, recycle_limit: 1, destination_extension: 447, _originate_timeout: 60, caller_line_id: "37d73edf-4628-4cf1-8beb-758433fd0aab", call_pause_second: 10 })) }),
  },
};
const VENDORS = ["tanyi", "byrobot", "itniotech", "zxycall"];
const buildOptions = (v) => ({ credentials: creds[v], now, baseUrl: v === "zxycall" ? "https://zxy.example.com" : undefined });
const times = (n, f) => { let r; for (let i = 0; i < n; i++) r = f(); return r; };

/** [name, (waihu) => result]: each runs its work once and returns a result to compare. */
const operations = [
  ["validate Tanyi importCustomers, 10 000 rows in one batch", (w) => w.validate("tanyi", "importCustomers", batch)],
  ["validate Tanyi importCustomers, 100 batches of 100 rows", (w) => batches.map((b) => w.validate("tanyi", "importCustomers", b))],
  ["validate Itniotech createTask, 1 000 forms (section 2)", (w) => itniotechForms.map((f) => w.validate("itniotech", "createTask", f))],
  ...VENDORS.map((v) => [`validate ${v} createTask, 200 forms`, (w) => times(200, () => w.validate(v, "createTask", forms[v]))]),
  ...VENDORS.map((v) => [`buildRequest ${v} createTask (signed), 100`, (w) => times(100, () => w.buildRequest(v, "createTask", forms[v], buildOptions(v)))]),
  ...VENDORS.map((v) => [`parseResponse ${v} createTask, 500`, (w) => times(500, () => w.parseResponse(v, "createTask", v === "zxycall" ? 201 : 200, replies[v].createTask))]),
  ...VENDORS.map((v) => [`parseResponse ${v} listTasks (50 tasks), 20`, (w) => times(20, () => w.parseResponse(v, "listTasks", 200, replies[v].listTasks))]),
  ["parseResponse Tanyi vendor error (thrown), 200", (w) => times(200, () => { try { w.parseResponse("tanyi", "startTask", 200, '{"code":412,"data":null,"requestId":"R","resultMsg":"失败"}'); } catch (e) { return e.name; } })],
];

const ms = (f, reps) => { const t = performance.now(); for (let i = 0; i < reps; i++) f(); return (performance.now() - t) / reps; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
/** A 95 % interval for the median ratio: medians of resampled rounds (seeded, so a rerun on
 *  the same timings prints the same interval). */
function bootstrap(xs, n = 2_000) {
  let seed = 0x9e3779b9;
  const rand = () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  const medians = Array.from({ length: n }, () => quantile(Array.from(xs, () => xs[Math.floor(rand() * xs.length)]), 0.5));
  return [quantile(medians, 0.025), quantile(medians, 0.975)];
}
const outcome = (f) => { try { return JSON.stringify(f()); } catch (e) { return `throws ${e?.name}: ${e?.message}`; } };

async function compare(baselineDir, candidateDir, rounds, targetMs) {
  // Two packages side by side: each entry file instantiates its own .wasm.
  const load = (dir) => import(pathToFileURL(join(resolve(dir), "dist/node.js")).href);
  const [a, b] = [await load(baselineDir), await load(candidateDir)];
  const size = (dir) => gzipBytes(join(resolve(dir), "dist/waihu_bg.wasm"));
  console.log(`# A/B: ${candidateDir} (${size(candidateDir)} bytes gzip -9) against ${baselineDir} (${size(baselineDir)})\n`);
  console.log(`Node ${process.version}, ${rounds} rounds; each round times every operation on both builds (the order alternating every round) for ≥ ${targetMs} ms each.`);
  console.log("Ratio = candidate time / baseline time (< 1: the candidate is faster): the median of the per-round ratios, a 95 % bootstrap interval of that median, and the 10th–90th percentile of the rounds.\n");
  // Warm-up: both JITs and both allocators settle, and each operation gets the repetitions
  // that make one timing ≥ targetMs (the same count on both sides).
  const ops = operations.map(([name, f]) => {
    const fa = () => f(a), fb = () => f(b);
    for (let i = 0; i < 3; i++) { fa(); fb(); }
    const reps = Math.max(1, Math.ceil(targetMs / Math.min(ms(fa, 1), ms(fb, 1))));
    ms(fa, reps); ms(fb, reps);
    return { name, fa, fb, reps, same: outcome(fa) === outcome(fb), ta: [], tb: [] };
  });
  for (let r = 0; r < rounds; r++) {
    for (const op of ops) {
      if (r % 2) { op.tb.push(ms(op.fb, op.reps)); op.ta.push(ms(op.fa, op.reps)); }
      else { op.ta.push(ms(op.fa, op.reps)); op.tb.push(ms(op.fb, op.reps)); }
    }
  }
  console.log("| operation | baseline | candidate | ratio | 95 % interval | rounds p10–p90 | same result |\n|---|---|---|---|---|---|---|");
  for (const op of ops) {
    const ratios = op.ta.map((t, i) => op.tb[i] / t);
    const [lo, hi] = bootstrap(ratios);
    const f2 = (x) => x.toFixed(3);
    console.log(`| ${op.name} | ${quantile(op.ta, 0.5).toFixed(2)} ms | ${quantile(op.tb, 0.5).toFixed(2)} ms | ${f2(quantile(ratios, 0.5))} | ${f2(lo)}–${f2(hi)} | ${f2(quantile(ratios, 0.1))}–${f2(quantile(ratios, 0.9))} | ${op.same ? "yes" : "no"} |`);
  }
}

if (!flag("--baseline") || !flag("--candidate")) {
  console.error("usage: node bench/ab.mjs build <tree> [--target-dir DIR]\n       node bench/ab.mjs --baseline DIR --candidate DIR [--rounds N] [--ms M]");
  process.exit(2);
}
await compare(flag("--baseline"), flag("--candidate"), Number(flag("--rounds", 60)), Number(flag("--ms", 5)));
