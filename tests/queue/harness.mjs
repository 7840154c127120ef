// Starts the queue test Worker (tests/queue/worker.mjs) in miniflare, bundle-free: every module
// is registered flat under pkg/dist (the package's files, the www/worker modules, the entry),
// with the queue, its dead-letter queue and the SQLite ledger declared as wrangler.toml does
// (README "Imports on Cloudflare Queues"). The caller must `dispose()` in `finally`.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare, Log, LogLevel } from "miniflare";
import { dist, packageModules } from "../workerd/modules.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const www = resolve(here, "../../www/worker");

export async function startWorker({ bindings, persist, maxBatchSize = 10, maxRetries = 5 }) {
  const text = (p) => readFileSync(p, "utf8");
  const mf = new Miniflare({
    modules: packageModules({ "queue-worker.mjs": text(join(here, "worker.mjs")), "imports.js": text(join(www, "imports.js")), "ledger.js": text(join(www, "ledger.js")) }),
    modulesRoot: dist,
    compatibilityDate: "2025-06-01",
    cf: false,
    host: "127.0.0.1",
    port: 0,
    log: new Log(LogLevel.ERROR),
    bindings,
    durableObjects: { IMPORT_LEDGER: { className: "ImportLedger", useSQLite: true } },
    durableObjectsPersist: persist,
    queueProducers: { IMPORT_QUEUE: { queueName: "imports" } },
    queueConsumers: {
      imports: { maxBatchSize, maxBatchTimeout: 0.05, maxRetries, retryDelay: 0, deadLetterQueue: "imports-dlq" },
      "imports-dlq": { maxBatchSize: 100, maxBatchTimeout: 0.1 },
    },
  });
  const url = await mf.ready;
  return { mf, url };
}
