// /api: waihu's edge proxy, built from the Worker's bindings. The vendors' secrets stay here;
// pages call with `new Client({ vendor, proxyUrl: "https://<worker>/api", token })`.
import { createProxyHandler } from "waihu";

// What the admin page (www/app.js) uses, per vendor: anything else is refused with 403.
const TASKS = ["listTasks", "createTask", "startTask", "pauseTask", "deleteTask", "importCustomers"];
// A task's calls (the page's unified call list): every vendor that documents call records.
const OPERATIONS = {
  tanyi: [...TASKS, "listCalls", "stopTask", "listScripts", "listCallerLines"],
  byrobot: [...TASKS, "listCalls", "stopTask", "listCompanies", "listCallerLines", "listRobots"],
  itniotech: [...TASKS, "listCalls", "listScripts", "listCallerLines"],
  zxycall: [...TASKS, "getCreateOptions"],
};

/** Each vendor's credentials from its secrets; a vendor without them is not served. */
export function proxyVendors(env) {
  const secrets = {
    tanyi: { appKey: env.TANYI_APP_KEY, appSecret: env.TANYI_APP_SECRET, tenantSign: env.TANYI_TENANT_SIGN },
    byrobot: { appKey: env.BYROBOT_APP_KEY, appSecret: env.BYROBOT_APP_SECRET },
    itniotech: { apiKey: env.ITNIOTECH_API_KEY, apiSecret: env.ITNIOTECH_API_SECRET, appId: env.ITNIOTECH_APP_ID },
    zxycall: { token: env.ZXYCALL_TOKEN },
  };
  const out = {};
  for (const [vendor, credentials] of Object.entries(secrets)) {
    if (Object.values(credentials).some((v) => !v)) continue;
    const baseUrl = env[`${vendor.toUpperCase()}_BASE_URL`] || undefined;
    out[vendor] = { credentials, baseUrl, operations: OPERATIONS[vendor] };
  }
  return out;
}

let handler;

export function api(request, env) {
  handler ??= createProxyHandler({
    vendors: proxyVendors(env),
    tokens: JSON.parse(env.PROXY_TOKENS ?? "{}"),
    origins: (env.ALLOWED_ORIGINS ?? "").split(",").map((o) => o.trim()).filter(Boolean),
    // A 1 000-row import chunk is well under 1 MiB.
    maxBodyBytes: 1 << 20,
    // Per caller: 60 writes a minute, of which 10 task starts (each may dial many phones).
    rateLimits: { writes: { limit: 60, windowMs: 60_000 }, startTask: { limit: 10, windowMs: 60_000 } },
    // Three attempts of a read end within the page client's 30 s.
    timeoutMs: 8_000,
    // The audit trail: Workers logs (wrangler tail). No secret or phone number is in it.
    onCall: (record) => console.log(JSON.stringify({ proxyCall: record })),
  });
  return handler(request);
}
