// Seeded, reproducible randomness. Everything "random" in the simulator comes
// from here so that the same seed (and the same request order) gives the same
// faults, ids and synthesised call outcomes on every run and every machine.
import { createHash } from 'node:crypto';

// mulberry32: tiny, fast, good enough for test data; 32-bit state.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Hash any list of parts into a 32-bit seed. Used to derive independent
// streams (per task, per phone...) so outcomes do not depend on request order.
export function hashSeed(...parts) {
  return createHash('sha256').update(parts.map(String).join('|')).digest().readUInt32BE(0);
}

export function makeRng(seed) {
  const next = mulberry32(seed);
  return {
    next,
    /** integer in [min, max] inclusive */
    int(min, max) { return min + Math.floor(next() * (max - min + 1)); },
    pick(list) { return list[Math.floor(next() * list.length)]; },
    /** pairs: [[value, weight], ...] */
    weighted(pairs) {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) { if ((r -= w) < 0) return v; }
      return pairs[pairs.length - 1][0];
    },
  };
}

export function rngFor(...parts) { return makeRng(hashSeed(...parts)); }

// Deterministic UUID (v4 layout) for vendors whose ids are UUIDs (ZXY).
export function uuidFrom(...parts) {
  const h = createHash('sha256').update(parts.map(String).join('|')).digest('hex');
  const v = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// 8 upper-case letters, like the docs' requestId examples ("RKXNIQAF").
export function requestIdFrom(...parts) {
  const h = createHash('sha256').update(parts.map(String).join('|')).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += String.fromCharCode(65 + (h[i] % 26));
  return s;
}
