// Benchmark (not a test): import 100 000 customers into the simulator with waihu's
// client.importCustomers, against a hand-written fetch loop that signs and sends the same
// chunks with the same concurrency, in the same run. Prints median times and the ratio.
//   node bench/import.mjs [rows=100000] [rounds=3]
import { createHash } from "node:crypto";
import { Client } from "waihu";
import * as raw from "../pkg/dist/waihu.js";
import { startSimulator, DEMO_CREDENTIALS } from "../tests/simulator/index.mjs";

const ROWS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const CONCURRENCY = 4;
const CHUNK = 100;
const creds = DEMO_CREDENTIALS.tanyi;

const sim = await startSimulator({ port: 0, seed: 1 });
const baseUrl = `${sim.url}/tanyi`;
const client = new Client({ vendor: "tanyi", credentials: creds, baseUrl });
const customers = Array.from({ length: ROWS }, (_, i) => ({ name: `客户${i}`, phone: `139${String(i).padStart(8, "0")}` }));

async function newTask() {
  const { robotCallJobId } = await client.createTask({ concurrencyQuota: 1, jobPhoneNumberIdList: [348], robotCallJob: { name: `bench ${Math.random()}`, mode: "MANUAL", dailyStartTime: "09:00", dailyEndTime: "20:00", dialogFlowId: 139, phoneType: "LANDLINE", robotCount: 1 } });
  return robotCallJobId;
}

async function viaWaihu(rows) {
  const report = await client.importCustomers(await newTask(), rows, { concurrency: CONCURRENCY });
  if (report.imported.length !== rows.length) throw new Error(`waihu imported ${report.imported.length}`);
}

/** What a careful user would write by hand: map, chunk, sign, send, check the envelope. */
async function viaFetch(rows) {
  const taskId = await newTask();
  const chunks = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    chunks.push(rows.slice(i, i + CHUNK).map((c) => ({ name: c.name, phoneNumber: c.phone })));
  }
  let next = 0, imported = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const persons = chunks[next++];
      const timestamp = String(Date.now());
      const signature = createHash("sha256").update(`${creds.tenantSign}appKey=${creds.appKey}&appSecret=${creds.appSecret}&tenantSign=${creds.tenantSign}&version=v1&timestamp=${timestamp}`).digest("hex");
      const res = await fetch(`${baseUrl}/apiOpen/v1/job/importCustomer`, {
        method: "POST",
        headers: { "Content-Type": "application/json", appKey: creds.appKey, tenantSign: creds.tenantSign, version: "v1", timestamp, signature },
        body: JSON.stringify({ robotCallJobId: taskId, customerPersons: persons }),
      });
      const body = await res.json();
      if (body.code !== 200) throw new Error(`vendor code ${body.code}`);
      imported += persons.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (imported !== rows.length) throw new Error(`fetch imported ${imported}`);
}

async function time(f) {
  await sim.reset();
  const t0 = performance.now();
  await f(customers);
  return performance.now() - t0;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Warm-up: JIT, wasm instantiation, sockets.
await viaWaihu(customers.slice(0, 2_000));
await viaFetch(customers.slice(0, 2_000));
const runs = { waihu: [], fetch: [] };
for (let r = 0; r < ROUNDS; r++) {
  runs.fetch.push(await time(viaFetch));
  runs.waihu.push(await time(viaWaihu));
}
// What waihu does that the loop does not: validate and de-duplicate every row before sending.
const planMs = [];
const text = customers.map((c) => JSON.stringify(c)).join("\n");
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  const planner = new raw.ImportPlanner("tanyi", "1", "{}", false);
  planner.push(text, true);
  planner.free();
  planMs.push(performance.now() - t0);
}
await sim.close();
const w = median(runs.waihu), f = median(runs.fetch);
console.log(`import ${ROWS} customers into the simulator (Tanyi, chunks of ${CHUNK}, concurrency ${CONCURRENCY}), median of ${ROUNDS}:`);
console.log(`  baseline: hand-written fetch loop  ${f.toFixed(0)} ms`);
console.log(`  waihu client.importCustomers       ${w.toFixed(0)} ms`);
console.log(`  ratio waihu / fetch loop           ${(w / f).toFixed(2)}`);
console.log(`  of which validating and de-duplicating all rows up front (the core's streaming planner): ${median(planMs).toFixed(0)} ms`);
