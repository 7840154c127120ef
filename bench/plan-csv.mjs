// Benchmark (not a test): plan a customer list from CSV text (parse, validate, normalise phones,
// drop duplicates across the whole list, cut chunks of 100 as request bodies) with the core's
// streaming planner in wasm, against what a user would otherwise write: PapaParse plus a zod
// schema of the same rules, in the same process. Also the planner alone at 10 k, 100 k and 1 M
// rows (rows/s, and how the time grows).
//   node bench/plan-csv.mjs [rows=1000000] [rounds=3]
// One size alone, for a fresh process per size (bench/run.mjs section 9): prints one JSON line
// `{ rows, ms, rowsPerSecond, wasmBytes, peakRssIncrease }` (bytes; the peak RSS of the first
// run above the RSS before it, the input text excluded; null where /proc/self/clear_refs cannot
// be written).
//   node --expose-gc bench/plan-csv.mjs --scale <rows> [rounds=3]
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { z } from "zod";
import { createImportPlanner } from "waihu";

const PIECE = 64 * 1024;

/** `n` rows; every 50th repeats an earlier phone written another way, every 1000th is no phone. */
export function csv(n) {
  const lines = ["name,phone,amount"];
  for (let i = 0; i < n; i++) {
    const phone = i % 1000 === 999 ? "n/a" : i % 50 === 49 ? `+86 139${String(i - 7).padStart(8, "0")}` : `139${String(i).padStart(8, "0")}`;
    lines.push(`客户${i},${phone},${i % 97}`);
  }
  return lines.join("\r\n") + "\r\n";
}

export function viaWaihu(text) {
  const planner = createImportPlanner("tanyi", 1, { format: "csv", skipInvalid: true });
  let chunks = 0, rejected = 0;
  const take = (p) => ((chunks += p.chunks.length), (rejected += p.rejected.length));
  try {
    for (let i = 0; i < text.length; i += PIECE) take(planner.push(text.slice(i, i + PIECE)));
    take(planner.end());
  } finally {
    planner.free();
  }
  return { chunks, rejected };
}

// The same rules in zod (src/phone.rs is_plausible and key; src/vendors/tanyi rules).
const plausible = (s) => {
  const body = s.startsWith("+") ? s.slice(1) : s;
  if (/^[- ]|[- ]$/.test(body) || !/^[0-9 -]*$/.test(body)) return false;
  const digits = body.replace(/[^0-9]/g, "").length;
  return digits >= 3 && digits <= 20;
};
const customer = z.object({ name: z.string().optional(), phoneNumber: z.string().trim().min(1).refine(plausible, "Not a valid phone number"), properties: z.record(z.string(), z.string()).optional() });
/** One number however written: China's +86 / 0086 / 86 dropped, a landline's trunk 0 restored. */
function phoneKey(s) {
  const t = s.trim();
  const plus = t.startsWith("+");
  let d = t.replace(/[\s\-.()+]/g, "");
  let cc = 0;
  if (plus && d.startsWith("86")) cc = 2;
  else if (!plus && d.startsWith("0086")) cc = 4;
  else if (!plus && d.startsWith("86") && d.length >= 11 && d.length <= 13 && d[2] !== "0") cc = 2;
  let rest = d.slice(cc);
  if (cc && rest[0] !== "0" && !(rest[0] === "1" && rest.length === 11)) rest = "0" + rest;
  return (plus && !cc ? "+" : "") + rest;
}

export function viaPapaZod(text) {
  const { data } = Papa.parse(text, { header: true, skipEmptyLines: true });
  const seen = new Map();
  let batch = [], chunks = 0, rejected = 0;
  data.forEach((r, i) => {
    const row = { name: r.name || undefined, phoneNumber: (r.phone ?? "").trim(), properties: r.amount ? { amount: r.amount } : undefined };
    const ok = customer.safeParse(row);
    if (!ok.success) return rejected++;
    const key = phoneKey(row.phoneNumber);
    if (seen.has(key)) return rejected++;
    seen.set(key, i);
    batch.push(ok.data);
    if (batch.length === 100) {
      JSON.stringify({ robotCallJobId: 1, customerPersons: batch });
      chunks++, (batch = []);
    }
  });
  if (batch.length) JSON.stringify({ robotCallJobId: 1, customerPersons: batch }), chunks++;
  return { chunks, rejected };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f, text) {
  const t0 = performance.now();
  const r = f(text);
  return [performance.now() - t0, r];
}

/** The wasm instance's linear memory in bytes (the package's instance: initSync answers it). */
async function wasmBytes() {
  const glue = await import(new URL("./waihu.js", import.meta.resolve("waihu")));
  return glue.initSync({ module: new Uint8Array() }).memory.buffer.byteLength;
}

const procStatus = (key) => Number(/(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith(`${key}:`)))[1]) * 1024;

/** Plans `n` rows once (its peak RSS increase), then `rounds` times (the median time); the wasm memory after. */
export async function scale(n, rounds = 3) {
  const text = csv(n);
  // The garbage of making the text collected and its pages given back (the sweeper runs
  // concurrently), so that the peak below is the planner's own.
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 200));
  }
  let base = null;
  try {
    writeFileSync("/proc/self/clear_refs", "5"); // the peak RSS (VmHWM) starts again from now
    base = procStatus("VmRSS");
  } catch { /* no peak to reset: not reported */ }
  viaWaihu(text); // the peak of planning the list once (the later runs reuse its memory)
  const peakRssIncrease = base === null ? null : procStatus("VmHWM") - base;
  const ms = median(Array.from({ length: rounds }, () => time(viaWaihu, text)[0]));
  return { rows: n, ms, rowsPerSecond: n / ms * 1000, wasmBytes: await wasmBytes(), peakRssIncrease };
}

async function main(args) {
  if (args[0] === "--scale") {
    console.log(JSON.stringify(await scale(Number(args[1]), Number(args[2] ?? 3))));
    return;
  }
  const ROWS = Number(args[0] ?? 1_000_000);
  const ROUNDS = Number(args[1] ?? 3);
  // How the planner's time grows.
  for (const n of [10_000, 100_000, 1_000_000].filter((n) => n <= ROWS)) {
    const text = csv(n);
    viaWaihu(text);
    const ms = median(Array.from({ length: ROUNDS }, () => time(viaWaihu, text)[0]));
    console.log(`waihu planner, ${n} CSV rows: ${ms.toFixed(0)} ms, ${Math.round(n / ms * 1000)} rows/s`);
  }

  const text = csv(ROWS);
  const [, a] = time(viaWaihu, text);
  const [, b] = time(viaPapaZod, text);
  if (a.chunks !== b.chunks || a.rejected !== b.rejected) throw new Error(`the two disagree: ${JSON.stringify([a, b])}`);
  const runs = { waihu: [], papa: [] };
  for (let r = 0; r < ROUNDS; r++) {
    runs.papa.push(time(viaPapaZod, text)[0]);
    runs.waihu.push(time(viaWaihu, text)[0]);
  }
  const w = median(runs.waihu), p = median(runs.papa);
  console.log(`plan ${ROWS} CSV rows (${(text.length / 2 ** 20).toFixed(0)} MiB; ${a.chunks} chunks, ${a.rejected} rejected), median of ${ROUNDS}:`);
  console.log(`  PapaParse + zod  ${p.toFixed(0)} ms`);
  console.log(`  waihu (wasm)     ${w.toFixed(0)} ms`);
  console.log(`  ratio            ${(p / w).toFixed(2)}× faster`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
