// Callbacks handled per second in workerd (miniflare): waihu's createWebhookHandler (in-memory
// store, an onEvent that does nothing) against a hand-written Worker that only JSON.parses the
// body and answers `success`. Both run in the same workerd, on the same bodies (the vendors'
// documented examples, each with a fresh record id so every event is new), alternating turns.
// The loop runs inside the Worker (one request drives `n` calls of the handler on constructed
// Requests), so the figure is the handler's own cost, not the HTTP hop's.
//
//   node bench/webhook.mjs [n=5000] [rounds=5]
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare } from "miniflare";
import { dist, packageModules } from "../tests/workerd/modules.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const n = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 5);
const fx = (f) => readFileSync(join(root, "tests/fixtures/callbacks", f), "utf8");

// One body per vendor, with a placeholder where the record id goes.
const bodies = {
  tanyi: fx("tanyi-robot-call-record.json").replace('"callRecordId": 119', '"callRecordId": "@ID@"'),
  byrobot: fx("byrobot-call-instance-result.json").replace('"callInstanceId": 1', '"callInstanceId": "@ID@"'),
  itniotech: fx("itniotech-push-call-record.json").replace('"callId": "90001"', '"callId": "@ID@"'),
};

const worker = `
import { createWebhookHandler, memoryStore } from "waihu";
const BODIES = ${JSON.stringify(bodies)};
const waihu = {}, seq = { n: 0 };
for (const v of Object.keys(BODIES)) waihu[v] = createWebhookHandler({ vendor: v, store: memoryStore({ max: 1e6 }), log: false, onEvent() {} });
async function plain(request) {
  const body = JSON.parse(await request.text());
  return new Response("success", { headers: { "content-type": "text/plain; charset=utf-8" } });
}
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const which = url.searchParams.get("which"), vendor = url.searchParams.get("vendor"), n = Number(url.searchParams.get("n"));
    const handler = which === "waihu" ? waihu[vendor] : plain;
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const body = BODIES[vendor].replace("@ID@", String(++seq.n));
      const r = await handler(new Request("http://hooks/" + vendor, { method: "POST", body, headers: { "content-type": "application/json;charset=utf-8", "content-length": String(new TextEncoder().encode(body).length) } }));
      if ((await r.text()) === "success") ok++;
    }
    return new Response(String(ok));
  },
};`;

const mf = new Miniflare({
  modules: packageModules({ "bench.mjs": worker }),
  modulesRoot: dist,
  compatibilityDate: "2025-06-01",
  cf: false,
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  await mf.ready;
  const run = async (which, vendor, count) => {
    const t = performance.now();
    const ok = Number(await (await mf.dispatchFetch(`http://bench/?which=${which}&vendor=${vendor}&n=${count}`)).text());
    const ms = performance.now() - t;
    if (ok !== count) throw new Error(`${which} ${vendor}: ${ok} of ${count} acknowledged`);
    return (count / ms) * 1000;
  };
  console.log(`| vendor (body bytes) | hand-written: JSON.parse + "success" | waihu createWebhookHandler | ratio |`);
  console.log(`|---|---|---|---|`);
  for (const vendor of Object.keys(bodies)) {
    await run("plain", vendor, 500);
    await run("waihu", vendor, 500);
    const p = [], w = [];
    for (let r = 0; r < rounds; r++) {
      p.push(await run("plain", vendor, n));
      w.push(await run("waihu", vendor, n));
    }
    const mp = median(p), mw = median(w);
    console.log(`| ${vendor} (${bodies[vendor].length}) | ${Math.round(mp)} /s | ${Math.round(mw)} /s | ${(mw / mp).toFixed(2)} |`);
  }
} finally {
  await mf.dispose();
}
