// The demo Worker's callback route: POST /hooks/:vendor receives a vendor's callbacks with
// waihu's webhook handler (deduplicated in the Hooks Durable Object, BYRobot restricted to its
// documented source address), and keeps the latest call events for the admin page, which polls
// GET /feed?after=<n> (behind the admin token, ADMIN_TOKEN, when one is set). A module of its
// own: the Worker's entry routes to it (`hooks(request, env)` answers null for other paths).
import { DurableObject } from "cloudflare:workers";
import { createWebhookHandler, durableObjectStore, sqliteClaims } from "waihu";

/** Events the feed keeps. */
const KEEP = 500;

/** One object holds the callback claims and the feed. */
export class Hooks extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.claims = sqliteClaims(ctx.storage);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS feed (n INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL)");
  }
  claim(id, leaseMs) {
    return this.claims.claim(id, leaseMs);
  }
  done(id) {
    this.claims.done(id);
  }
  release(id) {
    this.claims.release(id);
  }
  append(event) {
    const sql = this.ctx.storage.sql;
    const { n } = sql.exec("INSERT INTO feed (at, event) VALUES (?, ?) RETURNING n", Date.now(), JSON.stringify(event)).one();
    sql.exec("DELETE FROM feed WHERE n <= ?", n - KEEP);
  }
  since(after) {
    return this.ctx.storage.sql.exec("SELECT n, at, event FROM feed WHERE n > ? ORDER BY n LIMIT 200", after).toArray().map((r) => ({ n: r.n, at: r.at, ...JSON.parse(r.event) }));
  }
}

const OBJECT = "waihu-webhooks";
// A stub per request: Workers refuse one made while handling another request.
const object = (env) => env.HOOKS.getByName(OBJECT);
const handlers = {};

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization",
  "access-control-allow-methods": "GET, OPTIONS",
};

export async function hooks(request, env) {
  const { pathname, searchParams } = new URL(request.url);
  const m = /^\/hooks\/([a-z]+)\/?$/.exec(pathname);
  if (m) {
    const vendor = m[1];
    if (!["tanyi", "byrobot", "itniotech"].includes(vendor)) return new Response("no such vendor", { status: 404 });
    handlers[vendor] ??= createWebhookHandler({
      vendor,
      store: durableObjectStore(env.HOOKS, { name: OBJECT }),
      // BYRobot documents the address its callbacks come from; the others document none.
      allowIps: vendor === "byrobot" ? "documented" : undefined,
      onEvent: async (event) => {
        if (event.type === "call.completed" || event.type === "inbound_call.completed") {
          await object(env).append({ id: event.id, vendor: event.vendor, type: event.type, call: event.call });
        }
      },
    });
    return handlers[vendor](request);
  }
  if (pathname === "/feed") {
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
    if (env.ADMIN_TOKEN && request.headers.get("authorization") !== `Bearer ${env.ADMIN_TOKEN}`) return new Response("unauthorized", { status: 401, headers: CORS });
    const after = Number(searchParams.get("after") ?? 0) || 0;
    return Response.json({ events: await object(env).since(after) }, { headers: { ...CORS, "cache-control": "no-store" } });
  }
  return null;
}
