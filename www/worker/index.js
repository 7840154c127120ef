// The demo's Worker: one module per route, chosen by the path's first segment. Each route is
// one line below (and one import above): add yours on its own line.
//   /api      waihu's edge proxy (api.js): Clients in proxy mode call it
import { api } from "./api.js";

const routes = {
  api,

  // hooks: the vendors' callbacks (issue 15) go here.

  // imports: queued imports (issue 16) go here.
};

export default {
  async fetch(request, env, ctx) {
    const first = new URL(request.url).pathname.split("/")[1];
    const route = Object.hasOwn(routes, first) ? routes[first] : undefined;
    return route ? route(request, env, ctx) : new Response("not found", { status: 404 });
  },

  // queue(): the import queue's consumer (issue 16) goes here.
};

// Durable Object classes (issue 16) are exported here.
