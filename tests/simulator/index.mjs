// Library entry: start the vendor simulator on a local port.
//   const sim = await startSimulator({ port: 0, seed: 1, clock: () => Date.now() });
//   sim.url, sim.port, sim.close(), sim.reset(), sim.ledger(), sim.setFaults(cfg), sim.requests(),
//   sim.setCallbacks(cfg), sim.callbacks(), await sim.callbacksSettled({ timeoutMs })
import http from 'node:http';
import { createSimulator, DEMO_CREDENTIALS, VENDORS } from './lib/http-server.mjs';
import { FAULT_KINDS } from './lib/faults.mjs';

export { DEMO_CREDENTIALS, VENDORS, FAULT_KINDS };

/**
 * @param {object} [opts]
 * @param {number} [opts.port=0]        0 = a free random port
 * @param {string} [opts.host='127.0.0.1']
 * @param {number} [opts.seed=1]        seeds ids, call outcomes and the default fault PRNG
 * @param {() => number} [opts.clock]   epoch ms; used for auth windows, timestamps and dialling
 * @param {object} [opts.credentials]   per-vendor overrides of the demo credentials
 * @param {number} [opts.dialMs=1000]   simulator-clock ms between two dialled customers of a running task
 * @param {number} [opts.tanyiDriftMs=300000]
 * @param {number} [opts.byrobotSkewMs=180000]
 * @param {number} [opts.itniotechWindowSeconds=300]
 * @param {object} [opts.callbacks]     callback config (README "Callbacks"), applied at start and restored by reset()
 * @param {boolean} [opts.logBodies=true]  false: the request log keeps no bodies (only bodyBytes)
 */
export async function startSimulator(opts = {}) {
  const host = opts.host ?? '127.0.0.1';
  const sim = createSimulator(opts);
  const server = http.createServer((req, res) => {
    sim.handle(req, res).catch((e) => {
      if (!res.headersSent) { res.writeHead(500, { 'Content-Type': 'text/plain' }); res.end(`simulator bug: ${e?.message ?? e}`); }
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = server.address().port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    server,
    close: () => new Promise((resolve) => { sim.shutdown(); server.close(() => resolve()); server.closeAllConnections(); }),
    reset: () => sim.reset(),
    ledger: () => sim.ledger(),
    requests: () => sim.requests(),
    setFaults: (cfg) => sim.setFaults(cfg),
    faults: () => sim.getFaults(),
    /** Replace the callback config (throws on a bad one); clears the delivery ledger. */
    setCallbacks: (cfg) => sim.setCallbacks(cfg),
    /** {callbacks: config|null, events: [...], totals}; `{bodies: true}` adds each event's body text. */
    callbacks: (o) => sim.callbacks(o),
    /** Resolves with callbacks() when nothing is pending or left to dial; rejects after timeoutMs (default 10 s). */
    callbacksSettled: (o) => sim.callbacksSettled(o),
  };
}
