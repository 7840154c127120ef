// What the admin page's end-to-end tests share: free ports, the demo command in its own
// process group (stopped with everything it started), and headless Chromium.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const outDir = join(repo, "test-output", "e2e");
export const HOST = "127.0.0.1";
// Starting may include tests/setup.sh's checks and, when pkg/ is stale, a package build.
export const START_TIMEOUT_MS = Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000);
export const STEP_MS = 15_000;

export async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, HOST, r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

export const portOpen = (port) => new Promise((r) => {
  const c = connect(port, HOST);
  c.once("connect", () => { c.destroy(); r(true); });
  c.once("error", () => r(false));
});

/** Spawns `bash www/demo.sh` in its own process group; resolves with its printed URL. */
export function startDemo(env) {
  const child = spawn("bash", ["www/demo.sh"], { cwd: repo, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not print its URL within ${START_TIMEOUT_MS} ms:\n${log}`)), START_TIMEOUT_MS);
    const onData = (d) => {
      log += d;
      const m = /^open (http:\/\/\S+)$/m.exec(log);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => { log += d; });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`demo exited (${code}) before printing its URL:\n${log}`)); });
  });
  const exited = new Promise((r) => child.once("exit", r));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try { process.kill(-child.pid, "SIGTERM"); } catch { return; }
    let timer;
    const done = await Promise.race([exited.then(() => true), new Promise((r) => { timer = setTimeout(() => r(false), 5_000); })]);
    clearTimeout(timer);
    if (!done) { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } await exited; }
  };
  return { url, stop, log: () => log };
}

/**
 * The demo command on free ports for the test `t`: stopped when `t` ends, which then checks
 * that its three servers are gone. Returns the ports, the page's URL (a promise) and the log.
 */
export async function demoFor(t) {
  const ports = { sim: await freePort(), worker: await freePort(), www: await freePort() };
  const demo = startDemo({ DEMO_HOST: HOST, SIM_PORT: String(ports.sim), WORKER_PORT: String(ports.worker), WWW_PORT: String(ports.www) });
  t.after(async () => {
    await demo.stop();
    for (const [server, port] of [["the simulator", ports.sim], ["the Worker", ports.worker], ["the page server", ports.www]]) {
      assert.equal(await portOpen(port), false, `${server} stopped`);
    }
  });
  return { ports, url: demo.url, log: demo.log };
}

/** Headless Chromium (Debian's). */
export function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    timeout: 30_000,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
}
