// Starts the queue test Worker (tests/queue/worker.mjs) in miniflare, bundle-free: every module
// is registered flat under pkg/dist (the package's files, the www/worker modules, the entry),
// with the queue, its dead-letter queue and the SQLite ledger declared as wrangler.toml does
// (README "Imports on Cloudflare Queues"). The caller must `dispose()` in `finally`.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Miniflare, Log, LogLevel } from "miniflare";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, "../../pkg/dist");
const www = resolve(here, "../../www/worker");

export async function startWorker({ bindings, persist, maxBatchSize = 10, maxRetries = 5 }) {
  const mod = (name, type, contents) => ({ type, path: join(dist, name), contents: contents ?? readFileSync(join(dist, name)) });
  const text = (p) => readFileSync(p, "utf8");
  const mf = new Miniflare({
    modules: [
      mod("queue-worker.mjs", "ESModule", text(join(here, "worker.mjs"))),
      mod("waihu", "ESModule", text(join(dist, "workerd.js"))),
      ...readdirSync(dist).filter((f) => f.endsWith(".js") && !["workerd.js", "node.js", "browser.js"].includes(f)).map((f) => mod(f, "ESModule", text(join(dist, f)))),
      mod("imports.js", "ESModule", text(join(www, "imports.js"))),
      mod("ledger.js", "ESModule", text(join(www, "ledger.js"))),
      mod("waihu_bg.wasm", "CompiledWasm"),
    ],
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
