// Small helpers shared by the vendor modules: a typed error that each vendor
// turns into its own envelope, and input checks for loosely typed JSON.

/** Thrown by handlers; the vendor module maps `code` to its own envelope. */
export class SimError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.code = code;
    this.extra = extra;
  }
}
export const fail = (code, message, extra) => new SimError(code, message, extra);

export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const isStr = (v) => typeof v === 'string' && v.trim() !== '';
export const isBool = (v) => typeof v === 'boolean';

/**
 * A positive integer id, given as a number or a numeric string (the Tanyi
 * delete example sends "1"). Returns the number, or null.
 */
export function asId(v) {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^[1-9]\d{0,15}$/.test(v)) return Number(v);
  return null;
}

/** An integer (number, or numeric string when `strings`), within [min, max]. */
export function asInt(v, { min = -Infinity, max = Infinity, strings = false } = {}) {
  let n = v;
  if (strings && typeof v === 'string' && /^-?\d+$/.test(v)) n = Number(v);
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) return null;
  return n;
}

/** Query-string integer with a default; returns null if present but invalid. */
export function queryInt(query, name, def, range = {}) {
  const raw = query[name];
  if (raw === undefined || raw === '') return def;
  return asInt(raw, { ...range, strings: true });
}

/** Body or query integer with a default (JSON numbers or numeric strings). */
export function paramInt(v, def, range = {}) {
  if (v === undefined || v === null || v === '') return def;
  return asInt(v, { ...range, strings: true });
}

/** Slice one page (1-based) out of a list. */
export function slicePage(list, pageNum, pageSize) {
  const total = list.length;
  const pages = pageSize > 0 ? Math.ceil(total / pageSize) : 0;
  const start = (pageNum - 1) * pageSize;
  return { total, pages, items: list.slice(start, start + pageSize) };
}

export const json = (status, body, headers = {}) => ({ status, body, headers });
