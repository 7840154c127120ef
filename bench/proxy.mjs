// The edge proxy's added latency: the same read (Tanyi listTasks) from a Node Client straight
// to the simulator, and from a Client in proxy mode through createProxyHandler in local workerd
// (miniflare) to the same simulator, in alternating turns. Prints p50 and p95 of each and of
// the difference; the direct client is the baseline.
//
//   node bench/proxy.mjs [calls=300]
import { Miniflare } from "miniflare";
import { dist, packageModules } from "../tests/workerd/modules.mjs";
import * as waihu from "../pkg/dist/node.js";
import { startSimulator, DEMO_CREDENTIALS } from "../tests/simulator/index.mjs";

const calls = Number(process.argv[2] ?? 300);
const TOKEN = "bench-user-token-0123456789";

const worker = `
import { createProxyHandler } from "waihu";
let handler;
export default {
  fetch(request, env) {
    handler ??= createProxyHandler(JSON.parse(env.CONFIG));
    return handler(request);
  },
};`;

const sim = await startSimulator({ port: 0, logBodies: false });
const baseUrl = `${sim.url}/tanyi`;
const mf = new Miniflare({
  modules: packageModules({ "bench.mjs": worker }),
  modulesRoot: dist,
  compatibilityDate: "2025-06-01",
  host: "127.0.0.1",
  port: 0,
  bindings: { CONFIG: JSON.stringify({ vendors: { tanyi: { credentials: DEMO_CREDENTIALS.tanyi, baseUrl, operations: ["listTasks"] } }, tokens: { bench: TOKEN }, maxRetries: 0 }) },
});
try {
  const proxyUrl = new URL("/api", await mf.ready).href;
  const direct = new waihu.Client({ vendor: "tanyi", credentials: DEMO_CREDENTIALS.tanyi, baseUrl, maxRetries: 0 });
  const proxied = new waihu.Client({ vendor: "tanyi", proxyUrl, token: TOKEN, maxRetries: 0 });
  const params = { pageNum: 1, pageSize: 10 };
  const time = async (c) => {
    const t = performance.now();
    await c.listTasks(params);
    return performance.now() - t;
  };
  // Warm-up: workerd compiles the module and the first Client on the first calls.
  for (let i = 0; i < 20; i++) await Promise.all([time(direct), time(proxied)]);
  const a = [], b = [];
  for (let i = 0; i < calls; i++) {
    if (i % 2) { a.push(await time(direct)); b.push(await time(proxied)); }
    else { b.push(await time(proxied)); a.push(await time(direct)); }
  }
  const q = (xs, p) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const ms = (x) => x.toFixed(2);
  console.log(`${calls} Tanyi listTasks calls each, alternating; baseline: the direct client.\n`);
  console.log("| client | p50 ms | p95 ms |\n|---|---|---|");
  console.log(`| direct to the simulator (baseline) | ${ms(q(a, 0.5))} | ${ms(q(a, 0.95))} |`);
  console.log(`| through the proxy in workerd | ${ms(q(b, 0.5))} | ${ms(q(b, 0.95))} |`);
  console.log(`| added by the proxy | ${ms(q(b, 0.5) - q(a, 0.5))} | ${ms(q(b, 0.95) - q(a, 0.95))} |`);
  console.log(`\nratio at p50: ${(q(b, 0.5) / q(a, 0.5)).toFixed(2)}× the direct client`);
} finally {
  await mf.dispose();
  await sim.close();
}
