// The demo's Worker. Minimal entry for the callback route (issue 15); the edge proxy's routes
// (issue 13) join here when that work lands.
import { hooks } from "./hooks.js";

export { Hooks } from "./hooks.js";

export default {
  async fetch(request, env) {
    return (await hooks(request, env)) ?? new Response("not found", { status: 404 });
  },
};
