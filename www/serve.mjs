#!/usr/bin/env node
// The admin page's static server (node:http only):
//   /            → www/ (index.html, app.js, …)
//   /waihu/…     → pkg/dist/ (the built package; the page imports /waihu/browser.js)
//   /config.json → { proxyUrl, token, feedUrl?, feedToken? }: where the page's Clients call the
//                  proxy (the demo's Worker, www/worker/) and the demo user's token for it; the
//                  Worker's live feed of completed calls (www/feed.js) and its token
//
//   node www/serve.mjs [--port 8080] [--host 127.0.0.1] [--proxy-url http://127.0.0.1:8788/api] [--token …]
//                      [--feed-url http://127.0.0.1:8788/feed --feed-token …]
// Prints one line once listening (`waihu admin page on http://…/`), serves until killed.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const www = dirname(fileURLToPath(import.meta.url));
const dist = resolve(www, "../pkg/dist");

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.WWW_PORT ?? "8080" },
    host: { type: "string", default: "127.0.0.1" },
    "proxy-url": { type: "string", default: process.env.PROXY_URL ?? "http://127.0.0.1:8788/api" },
    token: { type: "string", default: process.env.PROXY_TOKEN ?? "waihu-demo-user-token" },
    "feed-url": { type: "string" },
    "feed-token": { type: "string" },
  },
});

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

const config = JSON.stringify({ proxyUrl: values["proxy-url"], token: values.token, feedUrl: values["feed-url"], feedToken: values["feed-token"] });

/** Resolves a URL path inside `root`, or null when it would escape it. */
function inside(root, urlPath) {
  const file = resolve(root, "." + urlPath);
  return file === root || file.startsWith(root + sep) ? file : null;
}

const server = createServer(async (req, res) => {
  const send = (status, body, type = "text/plain; charset=utf-8") => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
    res.end(req.method === "HEAD" ? undefined : body);
  };
  if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  } catch {
    return send(400, "bad request");
  }
  if (path === "/config.json") return send(200, config, TYPES[".json"]);
  let file = path.startsWith("/waihu/") ? inside(dist, path.slice("/waihu".length)) : inside(www, path);
  if (!file || file.includes("\0")) return send(403, "forbidden");
  // Only the page's own files from www/ (not this server or the demo script).
  if (!path.startsWith("/waihu/") && /\.(mjs|sh)$/.test(file)) return send(404, "not found");
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    send(200, body, TYPES[extname(file)] ?? "application/octet-stream");
  } catch {
    send(404, path.startsWith("/waihu/") ? "not found (build the package: npm run build)" : "not found");
  }
});

server.listen(Number(values.port), values.host, () => {
  const { port } = server.address();
  console.log(`waihu admin page on http://${values.host}:${port}/`);
});

const shutdown = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
