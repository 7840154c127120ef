// A Worker receiving the vendors' callbacks at /hooks/:vendor with waihu's handler, deduplicating
// in a SQLite Durable Object (sqliteClaims), as the README's "Callbacks" shows. For the test:
// onEvent fails one event in five and keeps the others in this isolate's memory (miniflare runs
// one isolate); GET /handled lists them.
import { DurableObject } from "cloudflare:workers";
import { createWebhookHandler, durableObjectStore, sqliteClaims } from "waihu";

export class WebhookClaims extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.claims = sqliteClaims(ctx.storage);
  }
  claim(id, leaseMs) {
    return this.claims.claim(id, leaseMs);
  }
  done(id) {
    this.claims.done(id);
  }
  release(id) {
    this.claims.release(id);
  }
}

let n = 0;
const handled = [];
const handlers = {};

export default {
  async fetch(request, env) {
    const path = new URL(request.url).pathname;
    if (path === "/handled") return Response.json(handled);
    const vendor = path.split("/")[2];
    handlers[vendor] ??= createWebhookHandler({
      vendor,
      store: durableObjectStore(env.CLAIMS),
      allowIps: vendor === "byrobot" ? "documented" : undefined,
      log: (line) => console.log(line),
      onEvent: async (e) => {
        if (++n % 5 === 0) throw new Error("injected handler failure");
        handled.push({ id: e.id, type: e.type, callId: e.call?.callId });
      },
    });
    return handlers[vendor](request);
  },
};
