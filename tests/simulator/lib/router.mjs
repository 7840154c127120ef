// Minimal method+path router. Paths may hold `{name}` segments (ZXY's
// /v1/task/{id}). A path that exists with another method gives 405 so the
// tests can tell "wrong method" from "unknown path".

export function createRouter(routes) {
  const compiled = routes.map((r) => {
    const names = [];
    const pattern = r.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, n) => {
      names.push(n);
      return '([^/]+)';
    });
    return { ...r, methods: [].concat(r.method), names, re: new RegExp(`^${pattern}$`) };
  });

  return {
    routes: compiled,
    match(method, path) {
      // CHOICE: a trailing slash is ignored (/v1/task/ == /v1/task).
      const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
      let allow = null;
      for (const r of compiled) {
        const m = r.re.exec(p);
        if (!m) continue;
        if (!r.methods.includes(method)) { allow = (allow ?? []).concat(r.methods); continue; }
        const params = {};
        r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
        return { route: r, params };
      }
      return allow ? { error: 'methodNotAllowed', allow } : { error: 'notFound' };
    },
  };
}
