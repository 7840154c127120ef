// Imports on Cloudflare Queues: the consumer. Each message names one chunk of an import whose
// chunks a ledger (a Durable Object, e.g. www/worker/ledger.js) keeps. Queues deliver at least
// once and lose messages on a restart, so nothing here trusts a delivery: the chunk is sent
// only by the consumer whose claim the ledger granted, and what to record and whether to have
// the message redelivered (with what delay) are the core's decisions (the outcome's `status`,
// importBackoff). The queue handler never throws: a throw makes the runtime redeliver messages
// already acknowledged.
import * as raw from "./waihu.js";
import { invalid } from "./boundary.js";
import { LEDGER_RULES } from "./ledger-rules.js";

export { LEDGER_RULES };

/**
 * A Worker `queue(batch, env)` handler. `config`: `ledger(env, message)` → the ledger's stub
 * (RPC `claim`, `record`, `deadLetter`), `client(env, message)` → the waihu Client for the
 * message's vendor account, `deadLetterQueue`: the name of the dead-letter queue this handler
 * also consumes, `backoff`: `{ baseSeconds = 2, maxSeconds = 300 }` for refused chunks.
 */
export function createImportConsumer(config) {
  const { ledger, client, deadLetterQueue, backoff = {} } = config ?? {};
  if (typeof ledger !== "function" || typeof client !== "function") {
    throw invalid("createImportConsumer needs `ledger(env, message)` and `client(env, message)` functions");
  }
  const base = backoff.baseSeconds ?? 2, max = backoff.maxSeconds ?? 300;
  const later = (msg) => msg.retry({ delaySeconds: raw.importBackoff(msg.attempts, base, max) });
  const one = async (batch, msg, env) => {
    const m = msg.body;
    try {
      const l = ledger(env, m);
      if (batch.queue === deadLetterQueue) {
        await l.deadLetter(m.importId, m.n);
        return msg.ack();
      }
      // Null: sent already, being sent, or the account's calls in flight are at their bound
      // (the ledger sends the chunk's message again later).
      const body = await l.claim(m.importId, m.n);
      if (body === null) return msg.ack();
      const outcome = await client(env, m).importChunk(body);
      await l.record(m.importId, m.n, JSON.stringify(outcome));
      if (outcome.status === "queued") later(msg);
      else msg.ack();
    } catch {
      // The ledger was unreachable (claimed chunks then expire as unknown): try again later.
      later(msg);
    }
  };
  return async (batch, env) => {
    await Promise.all(batch.messages.map((msg) => one(batch, msg, env)));
  };
}
