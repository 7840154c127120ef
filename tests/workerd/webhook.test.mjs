// The webhook handler inside workerd (miniflare), deduplicating in a SQLite Durable Object: the
// 2 000-calls-per-vendor run of tests/pkg/callback-flows.mjs, and the claim's atomicity under
// concurrent duplicates. The Worker's logs are captured: no customer phone may appear.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runAndCheck } from "../pkg/callback-flows.mjs";
import { webhookWorker } from "./webhook-miniflare.mjs";

const here = dirname(fileURLToPath(import.meta.url));

test("workerd: 2 000 calls per vendor, 20 % failing, duplicates, reordering, Durable Object claims", { timeout: 300_000 }, async () => {
  const out = [];
  const mf = webhookWorker(readFileSync(join(here, "webhook-worker.mjs"), "utf8"), out);
  try {
    const url = await mf.ready;
    const { snap } = await runAndCheck({
      hookUrl: (v) => new URL(`/hooks/${v}`, url).href,
      handled: async () => (await fetch(new URL("/handled", url))).json(),
      timeoutMs: 240_000,
    });
    const logs = out.join("");
    assert.match(logs, /500 handler_failed/, "the Worker logged the failures");
    const phones = new Set(snap.events.map((e) => e.phone).filter(Boolean));
    assert.ok(![...logs.matchAll(/\d{11}/g)].some((m) => phones.has(m[0])), "no customer phone in the Worker's logs");
  } finally {
    await mf.dispose();
  }
});

test("workerd: one of 20 concurrent deliveries of an event is handled (atomic claim), the rest wait or are acknowledged", { timeout: 60_000 }, async () => {
  const out = [];
  const script = `
    import { DurableObject } from "cloudflare:workers";
    import { createWebhookHandler, durableObjectStore, sqliteClaims } from "waihu";
    export class WebhookClaims extends DurableObject {
      constructor(ctx, env) { super(ctx, env); this.claims = sqliteClaims(ctx.storage); }
      claim(id, l) { return this.claims.claim(id, l); }
      done(id) { this.claims.done(id); }
      release(id) { this.claims.release(id); }
    }
    let calls = 0;
    const h = (env) => createWebhookHandler({ vendor: "tanyi", store: durableObjectStore(env.CLAIMS), log: false,
      onEvent: async () => { calls++; await new Promise((r) => setTimeout(r, 50)); } });
    let handler;
    export default { async fetch(req, env) {
      if (new URL(req.url).pathname === "/calls") return new Response(String(calls));
      return (handler ??= h(env))(req);
    } };`;
  const mf = webhookWorker(script, out);
  try {
    const url = await mf.ready;
    const body = readFileSync(new URL("../fixtures/callbacks/tanyi-robot-call-record.json", import.meta.url), "utf8");
    for (let round = 0; round < 5; round++) {
      const b = body.replace('"callRecordId": 119', `"callRecordId": ${1000 + round}`);
      const replies = await Promise.all(Array.from({ length: 20 }, () => fetch(url, { method: "POST", body: b, headers: { "content-type": "application/json" } }).then(async (r) => [r.status, await r.text()])));
      const ok = replies.filter(([s]) => s === 200).length;
      assert.equal(replies.filter(([s]) => s === 409).length + ok, 20, JSON.stringify(replies));
      assert.ok(ok >= 1);
    }
    assert.equal(await (await fetch(new URL("/calls", url))).text(), "5", "onEvent ran once per event");
  } finally {
    await mf.dispose();
  }
});
