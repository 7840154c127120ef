// Miniflare running a Worker script with the built package registered as "waihu" (as
// worker.test.mjs does) and a SQLite Durable Object `CLAIMS` of class WebhookClaims; the
// runtime's stdout and stderr go to `out`.
import { Miniflare } from "miniflare";
import { dist, packageModules } from "./modules.mjs";

export function webhookWorker(script, out) {
  return new Miniflare({
    modules: packageModules({ "worker.mjs": script }),
    modulesRoot: dist,
    compatibilityDate: "2025-06-01",
    host: "127.0.0.1",
    port: 0,
    cf: false,
    durableObjects: { CLAIMS: { className: "WebhookClaims", useSQLite: true } },
    handleRuntimeStdio(stdout, stderr) {
      stdout.on("data", (c) => out.push(String(c)));
      stderr.on("data", (c) => out.push(String(c)));
    },
  });
}

