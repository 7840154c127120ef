// The demo's Worker: one module per route, chosen by the path's first segment.
//   /api      waihu's edge proxy (api.js): Clients in proxy mode call it
//   /hooks    the vendors' callbacks, and /feed the page's live feed of them (hooks.js)
//   /imports  imports on Cloudflare Queues (imports.js), behind the proxy's tokens
// and the queue consumers of those imports (the import queue and its dead-letter queue).
import { Client, callerOf, createImportConsumer } from "waihu";
import { api, proxyVendors } from "./api.js";
import { hooks } from "./hooks.js";
import { handleImports } from "./imports.js";

export { Hooks } from "./hooks.js";
export { ImportLedger } from "./ledger.js";

/** `/imports` for the callers the proxy knows (PROXY_TOKENS), with the page's CORS. */
async function imports(request, env) {
  const origin = request.headers.get("origin") ?? "";
  const allowed = (env.ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim()).includes(origin);
  const cors = allowed ? { "access-control-allow-origin": origin, "access-control-allow-headers": "authorization, content-type", vary: "Origin" } : {};
  if (origin !== "" && !allowed) return Response.json({ error: { code: "not_allowed", message: "origin not allowed" } }, { status: 403 });
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { ...cors, "access-control-allow-methods": "GET, POST" } });
  const caller = callerOf(JSON.parse(env.PROXY_TOKENS ?? "{}"), request);
  const res = caller === null
    ? Response.json({ error: { name: "UnauthenticatedError", code: "unauthenticated", message: "no valid token" } }, { status: 401 })
    : ((await handleImports(request, env)) ?? new Response("not found", { status: 404 }));
  for (const [k, v] of Object.entries(cors)) res.headers.set(k, v);
  return res;
}

const routes = { api, hooks, feed: hooks, imports };

// The import chunks are sent with the same credentials the proxy holds (one Client per vendor).
const clients = new Map();
const queue = createImportConsumer({
  ledger: (env, m) => env.IMPORT_LEDGER.getByName(m.account),
  client: (env, m) => {
    if (!clients.has(m.vendor)) {
      const { credentials, baseUrl } = proxyVendors(env)[m.vendor] ?? {};
      clients.set(m.vendor, new Client({ vendor: m.vendor, credentials, baseUrl, timeoutMs: 8_000 }));
    }
    return clients.get(m.vendor);
  },
  deadLetterQueue: "imports-dlq",
});

export default {
  async fetch(request, env, ctx) {
    const first = new URL(request.url).pathname.split("/")[1];
    const route = Object.hasOwn(routes, first) ? routes[first] : undefined;
    return (route && (await route(request, env, ctx))) ?? new Response("not found", { status: 404 });
  },
  queue,
};
