// createImportConsumer on its own, with a fake batch, ledger and client: what it acknowledges,
// what it has redelivered (with the core's backoff), and that it never throws (a throw makes
// the runtime redeliver messages already acknowledged).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createImportConsumer, LEDGER_RULES } from "waihu";

function batch(queue, bodies) {
  const log = [];
  const messages = bodies.map((body, i) => ({
    body, attempts: i + 1,
    ack: () => log.push([body.n, "ack"]),
    retry: (o) => log.push([body.n, "retry", o?.delaySeconds]),
  }));
  return { batch: { queue, messages }, log };
}

test("the consumer acks final outcomes, redelivers refusals with backoff, and never throws", async () => {
  const recorded = [], dead = [];
  const outcomes = {
    0: { kind: "applied", failed: [], status: "applied" },
    1: { kind: "rejected", code: "http_503", message: "m", retryable: true, status: "queued" },
    2: { kind: "unknown", reason: "timeout", status: "unknown" },
    3: { kind: "rejected", code: "-5", message: "m", retryable: false, status: "rejected" },
  };
  const ledger = {
    claim: async (_id, n) => (n === 4 ? null : n === 5 ? Promise.reject(new Error("ledger down")) : `{"n":${n}}`),
    record: async (id, n, o) => recorded.push([n, JSON.parse(o).status]),
    deadLetter: async (id, n) => dead.push(n),
  };
  const consumer = createImportConsumer({ ledger: () => ledger, client: () => ({ importChunk: async (body) => outcomes[JSON.parse(body).n] }), deadLetterQueue: "dlq", backoff: { baseSeconds: 2, maxSeconds: 60 } });
  const { batch: b, log } = batch("imports", [0, 1, 2, 3, 4, 5].map((n) => ({ importId: "a.1", n, vendor: "tanyi", account: "a" })));
  await consumer(b, {});
  // Message n has attempts n + 1: the refusal (attempt 2) waits 4 s, the ledger failure (attempt 6) 60 s.
  assert.deepEqual(log.sort((x, y) => x[0] - y[0]), [[0, "ack"], [1, "retry", 4], [2, "ack"], [3, "ack"], [4, "ack"], [5, "retry", 60]]);
  assert.deepEqual(recorded.sort((x, y) => x[0] - y[0]), [[0, "applied"], [1, "queued"], [2, "unknown"], [3, "rejected"]]);
  const { batch: d, log: dlog } = batch("dlq", [{ importId: "a.1", n: 7, vendor: "tanyi", account: "a" }]);
  await consumer(d, {});
  assert.deepEqual([dead, dlog], [[7], [[7, "ack"]]]);
  assert.throws(() => createImportConsumer({}), (e) => e instanceof TypeError && e.code === "invalid_argument");
  assert.equal(LEDGER_RULES.claim.to, "sending");
});
