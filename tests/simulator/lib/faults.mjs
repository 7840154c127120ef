// Fault injection. Faults hit vendor requests only (never /__sim/*).
// A fault is chosen either exactly by request number (`onRequests`) or by a
// seeded PRNG at `rate`, so the same seed and the same request order always
// give the same faults.
import { makeRng, hashSeed } from './prng.mjs';

export const FAULT_KINDS = ['latency', 'http500', 'http502', 'http503', 'http429', 'malformed', 'dropBefore', 'dropAfter'];

export function normalizeFaults(cfg, defaultSeed) {
  if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) throw new Error('fault config must be a JSON object');
  const out = {
    seed: cfg.seed ?? defaultSeed,
    rate: cfg.rate ?? 0,
    kinds: cfg.kinds ?? FAULT_KINDS.slice(),
    latencyMs: cfg.latencyMs ?? 200,
    retryAfterSeconds: cfg.retryAfterSeconds ?? 1,
    vendors: cfg.vendors ?? null,
    paths: cfg.paths ?? null,
    onRequests: cfg.onRequests ?? {},
  };
  if (typeof out.rate !== 'number' || out.rate < 0 || out.rate > 1) throw new Error('rate must be a number in [0, 1]');
  if (!Array.isArray(out.kinds) || out.kinds.length === 0) throw new Error('kinds must be a non-empty array');
  for (const k of [...out.kinds, ...Object.values(out.onRequests)]) {
    if (!FAULT_KINDS.includes(k)) throw new Error(`unknown fault kind: ${k}`);
  }
  for (const n of Object.keys(out.onRequests)) {
    if (!/^[1-9]\d*$/.test(n)) throw new Error(`onRequests keys must be request numbers (got ${n})`);
  }
  if (!Number.isFinite(out.latencyMs) || out.latencyMs < 0) throw new Error('latencyMs must be >= 0');
  if (!Number.isFinite(out.retryAfterSeconds) || out.retryAfterSeconds < 0) throw new Error('retryAfterSeconds must be >= 0');
  if (out.vendors !== null && !Array.isArray(out.vendors)) throw new Error('vendors must be an array');
  if (out.paths !== null && !Array.isArray(out.paths)) throw new Error('paths must be an array');
  return out;
}

export function createFaults(defaultSeed) {
  let cfg = null;
  let rng = null;
  return {
    /** Replace the config (an empty object disables faults). Re-seeds the PRNG. */
    set(config) {
      const c = normalizeFaults(config, defaultSeed);
      cfg = c;
      rng = makeRng(hashSeed('faults', c.seed));
      return c;
    },
    clear() { cfg = null; rng = null; },
    get() { return cfg; },
    /**
     * Pick the fault for vendor request number n, or null.
     * CHOICE: `onRequests` is by global request number and ignores the
     * `vendors`/`paths` filters; `rate` applies only to matching requests.
     * Two PRNG draws are made for every matching request (hit?, kind) so the
     * stream stays aligned whatever the outcome.
     */
    decide({ n, vendor, path }) {
      if (!cfg) return null;
      const exact = cfg.onRequests[String(n)];
      if (exact) return exact;
      if (cfg.rate <= 0) return null;
      if (cfg.vendors && !cfg.vendors.includes(vendor)) return null;
      if (cfg.paths && !cfg.paths.some((p) => path.includes(p))) return null;
      const hit = rng.next();
      const which = rng.next();
      return hit < cfg.rate ? cfg.kinds[Math.floor(which * cfg.kinds.length)] : null;
    },
  };
}
