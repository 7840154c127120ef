// The CLI prints exactly one "listening" line and serves until killed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));

async function launch(args) {
  const child = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  let timer;
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { out += d; if (out.includes('\n')) resolve(out.split('\n')[0]); });
    child.once('exit', (c) => reject(new Error(`exited ${c}`)));
    timer = setTimeout(() => reject(new Error('no listening line')), 5000);
  }).finally(() => clearTimeout(timer));
  return { child, line, output: () => out };
}

test('node server.mjs --port 0 --seed 3 prints one line and serves', async () => {
  const { child, line, output } = await launch(['--port', '0', '--host', '127.0.0.1', '--seed', '3']);
  try {
    const m = /^waihu simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(m, line);
    const health = await (await fetch(`${m[1]}/__sim/health`)).json();
    assert.equal(health.seed, 3);
    assert.equal(output().trim().split('\n').length, 1, 'exactly one line');
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

test('--credentials file.json overrides the demo set', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'waihu-sim-'));
  const file = join(dir, 'creds.json');
  writeFileSync(file, JSON.stringify({ zxycall: { token: 'fromFile' } }));
  const { child, line } = await launch(['--port', '0', '--credentials', file]);
  try {
    const url = line.split(' ').pop();
    assert.equal((await fetch(`${url}/zxycall/v1/task/create`, { headers: { Authorization: 'Bearer fromFile' } })).status, 200);
    assert.equal((await fetch(`${url}/zxycall/v1/task/create`, { headers: { Authorization: 'Bearer demoToken' } })).status, 401);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

test('--callbacks takes inline JSON and refuses a zxycall entry; --no-log-bodies', async () => {
  const { child, line } = await launch(['--port', '0', '--no-log-bodies', '--callbacks', '{"itniotech":{"url":"http://127.0.0.1:9/i"},"timeScale":0.001}']);
  try {
    const url = line.split(' ').pop();
    const cb = await (await fetch(`${url}/__sim/callbacks`)).json();
    assert.equal(cb.callbacks.itniotech.url, 'http://127.0.0.1:9/i');
    assert.equal(cb.callbacks.timeScale, 0.001);
    await fetch(`${url}/zxycall/v1/task/create`, { method: 'GET', headers: { Authorization: 'Bearer demoToken' } });
    await fetch(`${url}/tanyi/apiOpen/v1/job/create`, { method: 'POST', body: '{"x":1}' });
    const log = await (await fetch(`${url}/__sim/requests`)).json();
    assert.deepEqual(log.map((e) => [e.body, e.bodyBytes]), [[null, 0], [null, 7]]);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  const bad = spawn(process.execPath, [SERVER, '--port', '0', '--callbacks', '{"zxycall":{"url":"http://x"}}'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  bad.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
  let code;
  try { [code] = await once(bad, 'exit', { signal: AbortSignal.timeout(5000) }); } finally { if (code === undefined) bad.kill('SIGKILL'); }
  assert.equal(code, 2);
  assert.match(err, /ZXY documents no callback format/);
});
