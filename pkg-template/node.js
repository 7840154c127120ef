// Node: instantiate synchronously from the file next to this one.
import { readFileSync } from "node:fs";
import { initSync } from "./waihu.js";

initSync({ module: readFileSync(new URL("./waihu_bg.wasm", import.meta.url)) });

export * from "./api.js";
