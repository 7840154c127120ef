// Callbacks the vendors push: `parseCallback` (the core reads the body into typed events) and
// `createWebhookHandler`, a `(Request) => Promise<Response>` for a Worker's `fetch` or Node 18+.
// The core decides every reply (src/callback.rs); this file does the I/O: the request's body,
// the dedupe store, `onEvent`, the Response. Stores: an in-memory default, a Durable Object
// (atomic) and Workers KV (not safe under concurrent duplicates). Types: index.d.ts.
import * as raw from "./waihu.js";
import { invalid, str, sync } from "./boundary.js";
import { readBody } from "./body.js";

function header(headers, name) {
  if (headers == null) return undefined;
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  for (const k of Object.keys(headers)) if (k.toLowerCase() === name) return headers[k];
  return undefined;
}

const decoder = new TextDecoder();

/**
 * The typed events of one delivery. Each carries `raw`, the body as JSON.parse reads it, parsed
 * on first use (numbers beyond 2^53 are exact only in the events' ids and unified records).
 */
export function parseCallback(vendor, request) {
  const { headers, body } = request ?? {};
  const text = typeof body === "string" ? body : body instanceof Uint8Array || body instanceof ArrayBuffer ? decoder.decode(body) : undefined;
  if (text === undefined) throw invalid("the callback's body must be a string, a Uint8Array or an ArrayBuffer");
  const events = JSON.parse(sync(() => raw.parseCallback(str(vendor, "the vendor"), header(headers, "content-type") ?? "", text)));
  let payload;
  const get = () => (payload ??= JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
  for (const e of events) Object.defineProperty(e, "raw", { get, enumerable: true, configurable: true });
  return events;
}

/** Cloudflare's client address header, set by its edge (and by miniflare / wrangler dev). */
const cfConnectingIp = (request) => request.headers.get("cf-connecting-ip") ?? undefined;

const TEXT = { "content-type": "text/plain; charset=utf-8" };

export function createWebhookHandler(config) {
  const { vendor, onEvent, store = memoryStore(), clientIp = cfConnectingIp, leaseMs = 120_000, log = console.warn, logPayloads = false, ...options } = config ?? {};
  if (typeof onEvent !== "function") throw invalid("`onEvent` must be a function");
  if (typeof clientIp !== "function") throw invalid("`clientIp` must be a function");
  if (log !== false && typeof log !== "function") throw invalid("`log` must be a function or false");
  if (!Number.isInteger(leaseMs) || leaseMs < 1) throw invalid("`leaseMs` must be a whole number of milliseconds, at least 1");
  for (const m of ["claim", "done", "release"]) if (typeof store?.[m] !== "function") throw invalid(`the store has no \`${m}\` method`);
  const plan = JSON.parse(sync(() => raw.webhookPlan(str(vendor, "the vendor"))));
  // The core's plan: the vendor's acknowledgement and documented addresses, the body limits,
  // and every outcome's reply (src/callback.rs). Only the options' shapes are checked here.
  const { ack, documentedIps, bodyLimits, replies } = plan;
  for (const k of Object.keys(options)) if (k !== "allowIps" && k !== "maxBodyBytes") throw invalid(`unknown webhook option \`${k}\``);
  let { allowIps = null, maxBodyBytes = bodyLimits.default } = options;
  if (allowIps === "documented") {
    if (documentedIps.length === 0) throw invalid(`\`allowIps: "documented"\`: ${vendor} documents no source address`);
    allowIps = documentedIps;
  } else if (allowIps !== null && !(Array.isArray(allowIps) && allowIps.every((ip) => typeof ip === "string" && ip !== ""))) {
    throw invalid('`allowIps` must be a list of IP addresses or "documented"');
  }
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1 || maxBodyBytes > bodyLimits.max) throw invalid(`\`maxBodyBytes\` must be a whole number from 1 to ${bodyLimits.max}`);
  const note = (line) => {
    if (log) log(`waihu webhook ${vendor}: ${line}`);
  };
  const reply = (outcome, detail = "") => {
    const [status, text] = replies[outcome];
    const body = text ?? ack;
    if (status !== 200) note(`${status} ${outcome}${detail}`);
    return new Response(body, { status, headers: status === 405 ? { ...TEXT, allow: "POST" } : TEXT });
  };

  return async function handleWebhook(request) {
    const declared = request.headers.get("content-length");
    if (allowIps !== null && !allowIps.includes(clientIp(request))) return reply("forbidden");
    if (request.method !== "POST") return reply("method_not_allowed");
    if (declared !== null && Number(declared) > maxBodyBytes) return reply("too_large");
    const body = await readBody(request, maxBodyBytes, declared);
    if (body === undefined) return reply("too_large");
    let events;
    try {
      events = parseCallback(vendor, { headers: request.headers, body });
    } catch (e) {
      if (e?.name !== "CallbackError") throw e;
      return reply(e.reason, `: ${e.message}${logPayloads ? ` body=${body}` : ""}`);
    }
    let failed = false, busy = false, fresh = false;
    for (const event of events) {
      let claimed = false;
      try {
        const claim = await store.claim(event.id, leaseMs);
        if (claim === "done") continue;
        if (claim !== "claimed") {
          busy = true;
          continue;
        }
        claimed = true;
        await onEvent(event);
        await store.done(event.id);
        fresh = true;
      } catch (e) {
        failed = true;
        // Never the event itself: it holds the customer's phone and transcript.
        note(`${event.id} failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}${logPayloads ? ` body=${body}` : ""}`);
        if (claimed) await Promise.resolve(store.release(event.id)).catch(() => {});
      }
    }
    // Any failure makes the vendor retry; then an event another delivery holds; else whether
    // anything was new.
    return reply(failed ? "handler_failed" : busy ? "in_progress" : fresh ? "accepted" : "duplicate");
  };
}

/**
 * Claims in this isolate's memory: atomic (one thread), lost on restart, not shared between
 * isolates or processes. Remembers the last `max` handled ids.
 */
export function memoryStore({ max = 100_000 } = {}) {
  const ids = new Map(); // id → lease end (ms) while busy, or Infinity once done
  return {
    claim(id, leaseMs) {
      const until = ids.get(id);
      if (until === Infinity) return "done";
      if (until !== undefined && until > Date.now()) return "busy";
      ids.set(id, Date.now() + leaseMs);
      return "claimed";
    },
    done(id) {
      ids.delete(id);
      ids.set(id, Infinity);
      if (ids.size > max) ids.delete(ids.keys().next().value);
    },
    release(id) {
      if (ids.get(id) !== Infinity) ids.delete(id);
    },
  };
}

/**
 * The claims table inside a SQLite-backed Durable Object (`ctx.storage`): each method is one
 * synchronous statement, so the object's input gate makes a claim atomic. Done ids are kept
 * `retainMs` (default 3 days, longer than every vendor's retry schedule).
 */
export function sqliteClaims(storage, { retainMs = 3 * 86_400_000 } = {}) {
  const sql = storage.sql;
  sql.exec("CREATE TABLE IF NOT EXISTS waihu_claims (id TEXT PRIMARY KEY, done INTEGER NOT NULL, until INTEGER NOT NULL)");
  let writes = 0;
  return {
    claim(id, leaseMs) {
      const now = Date.now();
      const won = sql.exec(
        "INSERT INTO waihu_claims (id, done, until) VALUES (?, 0, ?) ON CONFLICT (id) DO UPDATE SET until = excluded.until WHERE done = 0 AND until < ? RETURNING id",
        id, now + leaseMs, now,
      ).toArray().length;
      if (won) return "claimed";
      return sql.exec("SELECT done FROM waihu_claims WHERE id = ?", id).one().done ? "done" : "busy";
    },
    done(id) {
      const now = Date.now();
      sql.exec("UPDATE waihu_claims SET done = 1, until = ? WHERE id = ?", now, id);
      if (++writes % 1000 === 0) sql.exec("DELETE FROM waihu_claims WHERE done = 1 AND until < ?", now - retainMs);
    },
    release(id) {
      sql.exec("DELETE FROM waihu_claims WHERE id = ? AND done = 0", id);
    },
  };
}

/**
 * A store that forwards to a Durable Object whose `claim`, `done` and `release` RPC methods are
 * `sqliteClaims`' (README "Callbacks"). One object (`name`) holds every id.
 */
export function durableObjectStore(namespace, { name = "waihu-webhooks" } = {}) {
  if (typeof namespace?.idFromName !== "function") throw invalid("durableObjectStore needs a Durable Object namespace binding");
  // A stub per call: Workers refuse a stub made while handling another request.
  const object = () => (typeof namespace.getByName === "function" ? namespace.getByName(name) : namespace.get(namespace.idFromName(name)));
  return {
    claim: (id, leaseMs) => object().claim(id, leaseMs),
    done: (id) => object().done(id),
    release: (id) => object().release(id),
  };
}

/**
 * Workers KV: NOT safe under concurrent duplicates. KV has no atomic claim (a read, then a
 * write): two deliveries of one event at the same moment can both be handled. Fine where the
 * vendor never sends an event twice at once and `onEvent` tolerates a rare repeat; use
 * `durableObjectStore` otherwise.
 */
export function kvStore(kv, { prefix = "waihu:", retainSeconds = 3 * 86_400 } = {}) {
  if (typeof kv?.get !== "function" || typeof kv?.put !== "function") throw invalid("kvStore needs a KV namespace binding");
  return {
    async claim(id, leaseMs) {
      const held = await kv.get(prefix + id);
      if (held === "done") return "done";
      if (held !== null && Number(held) > Date.now()) return "busy";
      // KV expires keys no sooner than 60 s from now.
      await kv.put(prefix + id, String(Date.now() + leaseMs), { expirationTtl: Math.max(60, Math.ceil(leaseMs / 1000)) });
      return "claimed";
    },
    done: (id) => kv.put(prefix + id, "done", { expirationTtl: Math.max(60, retainSeconds) }),
    release: (id) => kv.delete(prefix + id),
  };
}
