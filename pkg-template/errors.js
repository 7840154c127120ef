// The base of every error waihu throws (TypeError for a wrong argument aside). Its subclasses,
// one per kind of error the core declares, are generated into generated.js; each instance carries
// the stable `name` and `code` and the fields the README lists.
export class WaihuError extends Error {
  constructor(message, fields) {
    super(message);
    for (const [k, v] of Object.entries(fields ?? {})) if (k !== "name" && k !== "message" && k !== "stack") this[k] = v;
  }
}

export const isWaihuError = (e) => e instanceof WaihuError;
