// The test Worker: the import routes (www/worker/imports.js), the ledger Durable Object
// (www/worker/ledger.js) and the package's queue consumer, wired as the demo Worker wires them.
// Bindings (tests/queue/queue.test.mjs): CREDENTIALS and BASE_URLS per vendor, TIMEOUT_MS.
import { Client, createImportConsumer } from "waihu";
import { handleImports } from "./imports.js";

export { ImportLedger } from "./ledger.js";

const clients = new Map();
const clientOf = (env, vendor) => {
  if (!clients.has(vendor)) {
    clients.set(vendor, new Client({ vendor, credentials: env.CREDENTIALS[vendor], baseUrl: env.BASE_URLS[vendor], timeoutMs: Number(env.TIMEOUT_MS ?? 10_000) }));
  }
  return clients.get(vendor);
};

const queue = createImportConsumer({
  ledger: (env, m) => env.IMPORT_LEDGER.getByName(m.account),
  client: (env, m) => clientOf(env, m.vendor),
  deadLetterQueue: "imports-dlq",
  backoff: { baseSeconds: 1, maxSeconds: 4 },
});

export default {
  async fetch(request, env) {
    return (await handleImports(request, env)) ?? new Response("not found", { status: 404 });
  },
  queue,
};
