// Browsers and bundlers (Vite): fetch and instantiate the .wasm next to this file (the
// `new URL(…, import.meta.url)` pattern bundlers understand), once, before anything runs.
import init from "./waihu.js";

await init({ module_or_path: new URL("./waihu_bg.wasm", import.meta.url) });

export * from "./api.js";
