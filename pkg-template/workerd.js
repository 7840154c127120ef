// Cloudflare Workers / workerd: the runtime compiles the imported .wasm at deploy time, so
// instantiation is synchronous and needs no fetch.
import module from "./waihu_bg.wasm";
import { initSync } from "./waihu.js";

initSync({ module });

export * from "./api.js";
