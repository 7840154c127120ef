// A scripted HTTP server on 127.0.0.1 for the package tests: it records every request and
// answers from a queue of replies (status, headers, body, delay, or a dropped connection).
import { createServer } from "node:http";

export async function scriptedServer() {
  const received = [];
  const queue = [];
  let fallback = { status: 200, body: "{}" };
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const r = queue.shift() ?? fallback;
      if (r.drop) return req.socket.destroy();
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(r.status ?? 200, { "content-type": r.contentType ?? "application/json", ...(r.headers ?? {}) });
        res.end(r.body ?? "");
      };
      // At once unless a delay is asked for: `setTimeout(f, 0)` waits a millisecond, which
      // would hide the client's own per-request cost in the benchmark (bench/run.mjs §5).
      if (r.delayMs) setTimeout(answer, r.delayMs);
      else answer();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    received,
    reply: (...replies) => queue.push(...replies),
    setFallback: (r) => (fallback = r),
    reset: () => { received.length = 0; queue.length = 0; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
