#!/usr/bin/env node
// CLI entry: node tests/simulator/server.mjs [--port 8787] [--host 127.0.0.1] [--seed 1]
//   [--credentials file.json] [--dial-ms 1000] [--tanyi-drift-ms 300000] [--itniotech-window-s 300]
//   [--callbacks file.json | --callbacks '{"tanyi":{"url":"..."}}'] [--no-log-bodies]
// Prints exactly one line once listening, then serves until killed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSimulator } from './index.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    credentials: { type: 'string' },
    'dial-ms': { type: 'string' },
    'tanyi-drift-ms': { type: 'string' },
    'itniotech-window-s': { type: 'string' },
    callbacks: { type: 'string' },
    'no-log-bodies': { type: 'boolean', default: false },
  },
});

const num = (name, v) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) { console.error(`--${name} must be a number (got ${v})`); process.exit(2); }
  return n;
};

/** --callbacks takes inline JSON (starting with "{") or a file name. */
function callbacksArg(v) {
  if (v === undefined) return undefined;
  try { return JSON.parse(v.trimStart().startsWith('{') ? v : readFileSync(v, 'utf8')); } catch (e) {
    console.error(`--callbacks: ${e.message}`); process.exit(2);
  }
}

let sim;
try {
  sim = await startSimulator({
    port: num('port', values.port),
    host: values.host,
    seed: num('seed', values.seed),
    credentials: values.credentials ? JSON.parse(readFileSync(values.credentials, 'utf8')) : undefined,
    dialMs: num('dial-ms', values['dial-ms']),
    tanyiDriftMs: num('tanyi-drift-ms', values['tanyi-drift-ms']),
    itniotechWindowSeconds: num('itniotech-window-s', values['itniotech-window-s']),
    callbacks: callbacksArg(values.callbacks),
    logBodies: !values['no-log-bodies'],
  });
} catch (e) {
  // A bad --callbacks config (or a port in use) ends here, with one line on stderr.
  console.error(`cannot start: ${e.message}`);
  process.exit(2);
}
console.log(`waihu simulator listening on ${sim.url}`);

const shutdown = () => sim.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
