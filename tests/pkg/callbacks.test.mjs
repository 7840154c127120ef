// Callbacks through the built package in Node: parseCallback on the vendors' documented examples
// (tests/fixtures/callbacks/), the webhook handler's every answer, the stores, the logs, and the
// 2 000-calls-per-vendor run against the simulator (callback-flows.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as waihu from "waihu";
import { CallbackError, UnsupportedOperationError, createWebhookHandler, memoryStore, parseCallback, kvStore } from "waihu";
import { failingOneInFive, runAndCheck, serveFetch } from "./callback-flows.mjs";

const fixture = (name) => readFileSync(new URL(`../fixtures/callbacks/${name}`, import.meta.url), "utf8");
const FIXTURES = {
  tanyi: ["tanyi-robot-call-record.json", "tanyi-robot-call-job.json", "tanyi-robot-call-sms.json"],
  byrobot: ["byrobot-call-instance-result.json", "byrobot-call-instance-result.callback-md.json", "byrobot-job-info-result.json", "byrobot-intent-changed.json", "byrobot-inbound-call-instance-result.json", "byrobot-call-back-old.json"],
  itniotech: ["itniotech-push-call-record.json"],
};

test("parseCallback: every documented example, the whole payload as raw", () => {
  const types = new Set();
  for (const [vendor, files] of Object.entries(FIXTURES)) {
    for (const f of files) {
      const body = fixture(f);
      const events = parseCallback(vendor, { headers: { "Content-Type": "application/json;charset=utf-8" }, body });
      assert.ok(events.length >= 1, f);
      for (const e of events) {
        types.add(e.type);
        assert.equal(e.vendor, vendor);
        assert.match(e.id, new RegExp(`^${vendor}:${e.type.replace(".", "\\.")}:\\S+$`));
        // Every documented member is there, as sent.
        assert.deepEqual(e.raw, JSON.parse(body), f);
        assert.equal(JSON.parse(JSON.stringify(e)).raw.code ?? null, JSON.parse(body).code ?? null, "raw survives JSON.stringify");
        if (e.type.endsWith("call.completed")) assert.equal(typeof e.call.callId, "string");
        if (e.type.startsWith("task.")) assert.equal(typeof e.task.id, "string");
      }
      // Bytes read the same as text; so does BYRobot's private-cloud content type.
      assert.deepEqual(parseCallback(vendor, { headers: new Headers({ "content-type": "text/plain;charset=utf-8" }), body: new TextEncoder().encode(body) }).map((e) => e.id), events.map((e) => e.id));
    }
  }
  assert.deepEqual([...types].sort(), ["call.completed", "call.intent_changed", "inbound_call.completed", "sms.sent", "task.completed"]);
});

test("parseCallback: typed errors for malformed bodies, unknown types, wrong content types, ZXY", () => {
  const call = fixture("tanyi-robot-call-record.json");
  const reason = (vendor, body, headers) => {
    try {
      parseCallback(vendor, { headers, body });
    } catch (e) {
      assert.ok(e instanceof CallbackError, String(e));
      assert.ok(waihu.isCallbackError(e) && e instanceof waihu.WaihuError);
      assert.equal(e.code, "invalid_callback");
      assert.equal(e.vendor, vendor);
      assert.doesNotMatch(e.message, /17751279857/, "no phone in the message");
      return e.reason;
    }
    assert.fail("no error");
  };
  assert.equal(reason("tanyi", call.slice(0, 100)), "malformed");
  assert.equal(reason("tanyi", "[]"), "unknown_type");
  assert.equal(reason("tanyi", call.replace("ROBOT_CALL_RECORD", "ROBOT_CALL_VIDEO")), "unknown_type");
  assert.equal(reason("tanyi", JSON.stringify({ dataType: "ROBOT_CALL_RECORD", data: { calledPhoneNumber: "1" } })), "malformed");
  assert.equal(reason("byrobot", fixture("byrobot-call-instance-result.json"), { "content-type": "application/x-www-form-urlencoded" }), "content_type");
  assert.throws(() => parseCallback("zxycall", { body: "{}" }), (e) => e instanceof UnsupportedOperationError && e.operation === "parseCallback");
  assert.throws(() => parseCallback("tanyi", { body: 5 }), (e) => e instanceof TypeError && e.code === "invalid_argument");
  assert.throws(() => parseCallback("nope", { body: "{}" }), (e) => e instanceof TypeError && e.code === "invalid_argument");
});

/** A handler with an in-memory log, for requests built here. */
function handler(options = {}) {
  const lines = [];
  const seen = [];
  const h = createWebhookHandler({ vendor: "tanyi", onEvent: (e) => void seen.push(e), log: (l) => lines.push(l), ...options });
  return { h, lines, seen };
}
const post = (body, headers = {}, init = {}) => new Request("http://x/hooks/tanyi", { method: "POST", body, headers: { "content-type": "application/json", ...headers }, ...init });
const answer = async (res) => [res.status, await res.text()];

test("handler: accepted, duplicate, handler failed, in progress", async () => {
  const call = fixture("tanyi-robot-call-record.json");
  let fail = true;
  const { h, seen, lines } = handler({ onEvent: async (e) => {
    if (fail) throw new Error(`boom for ${e.call.phone}`);
    seen.push(e);
  } });
  assert.deepEqual(await answer(await h(post(call))), [500, "handler failed"], "a failing onEvent makes the vendor retry");
  fail = false;
  assert.deepEqual(await answer(await h(post(call))), [200, "success"], "the retry is handled (the claim was released)");
  assert.deepEqual(await answer(await h(post(call))), [200, "success"], "a duplicate is acknowledged");
  assert.equal(seen.length, 1, "…without calling onEvent again");
  assert.equal(seen[0].id, "tanyi:call.completed:119");
  assert.match(lines.join("\n"), /500 handler_failed/);
  assert.match(lines.join("\n"), /tanyi:call\.completed:119 failed: Error: boom for 17751279857/, "the handler's own message is the user's");

  // Two deliveries of one event at once: one is handled, the other is told to come back.
  let release;
  const gate = new Promise((r) => (release = r));
  const slow = handler({ onEvent: () => gate });
  const first = slow.h(post(call));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(await answer(await slow.h(post(call))), [409, "in progress"]);
  release();
  assert.deepEqual(await answer(await first), [200, "success"]);
  assert.deepEqual(await answer(await slow.h(post(call))), [200, "success"]);
});

test("handler: refused addresses, methods, sizes, content types, bodies", async () => {
  const byrobot = fixture("byrobot-call-instance-result.json");
  const b = handler({ vendor: "byrobot", allowIps: "documented" });
  assert.deepEqual(await answer(await b.h(post(byrobot, { "cf-connecting-ip": "120.55.46.3" }))), [200, "success"]);
  assert.deepEqual(await answer(await b.h(post(byrobot, { "cf-connecting-ip": "203.0.113.7" }))), [403, "forbidden"]);
  assert.deepEqual(await answer(await b.h(post(byrobot))), [403, "forbidden"], "no known source while a list is set");
  const custom = handler({ vendor: "byrobot", allowIps: ["203.0.113.7"], clientIp: () => "203.0.113.7" });
  assert.equal((await custom.h(post(byrobot))).status, 200);
  assert.throws(() => createWebhookHandler({ vendor: "tanyi", onEvent() {}, allowIps: "documented" }), /documents no source address/);

  const { h, seen } = handler({ maxBodyBytes: 2000 });
  const get = await h(new Request("http://x/hooks/tanyi"));
  assert.deepEqual([get.status, get.headers.get("allow")], [405, "POST"]);
  const big = fixture("tanyi-robot-call-record.json").replace("判断依据", "x".repeat(3000));
  assert.deepEqual(await answer(await h(post(big))), [413, "payload too large"], "declared length");
  // No declared length (a streamed body): counted as it arrives.
  const stream = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } });
  assert.equal((await h(new Request("http://x/", { method: "POST", body: stream, duplex: "half" }))).status, 413);
  assert.deepEqual(await answer(await h(post("{}", { "content-type": "multipart/form-data" }))), [415, "unsupported media type"]);
  assert.deepEqual(await answer(await h(post("{not json"))), [400, "malformed callback"]);
  assert.deepEqual(await answer(await h(post(JSON.stringify({ dataType: "X", data: {} })))), [422, "unknown callback type"]);
  assert.equal(seen.length, 0);
  const small = fixture("tanyi-robot-call-job.json");
  const streamed = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(small)); c.close(); } });
  assert.equal((await h(new Request("http://x/", { method: "POST", body: streamed, duplex: "half", headers: { "content-type": "application/json" } }))).status, 200);
  assert.equal(seen[0].type, "task.completed");
});

test("handler: options are checked; logs never carry the payload unless asked", async () => {
  const bad = [{ onEvent: 1 }, { allowIps: "120.55.46.3" }, { allowIps: [1] }, { maxBodyBytes: 0 }, { maxBodyBytes: 1e12 }, { allowIPs: [] }, { store: {} }, { leaseMs: -1 }, { log: "yes" }];
  for (const o of bad) assert.throws(() => createWebhookHandler({ vendor: "tanyi", onEvent() {}, ...o }), (e) => e instanceof TypeError && e.code === "invalid_argument", JSON.stringify(o));
  assert.throws(() => createWebhookHandler({ vendor: "zxycall", onEvent() {} }), (e) => e instanceof UnsupportedOperationError);

  const body = fixture("tanyi-robot-call-record.json").replace('"callRecordId":119', '"callRecordId":"x"');
  const quiet = handler({ onEvent: () => { throw new TypeError("nope"); } });
  await quiet.h(post(body));
  await quiet.h(post(body.slice(0, 50)));
  const text = quiet.lines.join("\n");
  assert.match(text, /500 handler_failed/);
  assert.match(text, /400 malformed/);
  assert.doesNotMatch(text, /17751279857|喂，您好/, "no phone, no transcript");
  const loud = handler({ logPayloads: true, onEvent: () => { throw new Error("nope"); } });
  await loud.h(post(body));
  assert.match(loud.lines.join("\n"), /17751279857/, "logPayloads adds the body");
});

test("stores: memory (bounded) and KV's claim / done / release", async () => {
  const m = memoryStore({ max: 2 });
  assert.equal(m.claim("a", 1000), "claimed");
  assert.equal(m.claim("a", 1000), "busy");
  m.release("a");
  assert.equal(m.claim("a", 1000), "claimed");
  m.done("a");
  assert.equal(m.claim("a", 1000), "done");
  assert.equal(m.claim("b", -1), "claimed");
  assert.equal(m.claim("b", 1000), "claimed", "an expired lease can be claimed again");
  m.done("b");
  m.claim("c", 1000);
  m.done("c");
  assert.equal(m.claim("a", 1000), "claimed", "the oldest handled id is forgotten past max");

  const kv = new Map();
  const ns = { get: async (k) => kv.get(k) ?? null, put: async (k, v) => void kv.set(k, v), delete: async (k) => void kv.delete(k) };
  const s = kvStore(ns);
  assert.equal(await s.claim("x", 1000), "claimed");
  assert.equal(await s.claim("x", 1000), "busy");
  await s.done("x");
  assert.equal(await s.claim("x", 1000), "done");
  assert.equal(kv.get("waihu:x"), "done");
  await s.claim("y", 1000);
  await s.release("y");
  assert.equal(await s.claim("y", 1000), "claimed");
});

test("2 000 calls per vendor through the handler in Node: 20 % failing, duplicates, reordering", { timeout: 180_000 }, async () => {
  const handled = [];
  const lines = [];
  const handlers = {};
  for (const vendor of ["tanyi", "byrobot", "itniotech"]) {
    handlers[vendor] = createWebhookHandler({
      vendor,
      store: memoryStore(),
      allowIps: vendor === "byrobot" ? "documented" : undefined,
      log: (l) => lines.push(l),
      onEvent: failingOneInFive(async (e) => void handled.push({ id: e.id, type: e.type, callId: e.call?.callId })),
    });
  }
  const server = await serveFetch((req) => handlers[new URL(req.url).pathname.split("/")[2]](req));
  try {
    const { snap } = await runAndCheck({ hookUrl: (v) => `${server.url}/hooks/${v}`, handled: async () => handled });
    assert.ok(lines.some((l) => l.includes("500 handler_failed")));
    const phones = new Set(snap.events.map((e) => e.phone).filter(Boolean));
    assert.ok(!lines.some((l) => [...l.matchAll(/\d{11}/g)].some((m) => phones.has(m[0]))), "no customer phone in the logs");
  } finally {
    await server.close();
  }
});
